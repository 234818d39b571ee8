;; The project's own WebAssembly SIMD kernels for training on the WASM backend, written by hand in
;; the WebAssembly text format. `npm run build:kernels` (scripts/build-simd-kernels.mjs) assembles
;; this file with wabt into simd-kernels-wasm.ts; `simd-kernels.test.ts` checks that the two agree.
;; The kernels work on this module's own memory: simd-kernels.ts copies the operands in from the
;; tfjs backend's heap and the result back (a memory copy each way, a small part of the time saved).
;; Pointers are byte offsets; every float is 32-bit.
(module
  (memory (export "memory") 1)

  ;; out[c] = Σ_r x[r, c] for x of rows × channels (row-major): the bias gradient's sum over every
  ;; axis but the last. Sums in float64, as the JavaScript kernel did, 16 channels at a time (one
  ;; 64-byte line of each row), then 4 at a time, then one at a time.
  (func (export "sum_rows") (param $x i32) (param $rows i32) (param $channels i32) (param $out i32)
    (local $c i32) (local $r i32) (local $p i32) (local $stride i32) (local $o i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $s f64)
    (local.set $stride (i32.shl (local.get $channels) (i32.const 2)))
    (block $done16
      (loop $each16
        (br_if $done16 (i32.gt_u (i32.add (local.get $c) (i32.const 16)) (local.get $channels)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (local.set $a4 (v128.const i64x2 0 0))
        (local.set $a5 (v128.const i64x2 0 0))
        (local.set $a6 (v128.const i64x2 0 0))
        (local.set $a7 (v128.const i64x2 0 0))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $r (local.get $rows))
        (block $rowsDone
          (loop $eachRow
            (br_if $rowsDone (i32.eqz (local.get $r)))
            (local.set $v0 (v128.load offset=0 align=4 (local.get $p)))
            (local.set $v1 (v128.load offset=16 align=4 (local.get $p)))
            (local.set $v2 (v128.load offset=32 align=4 (local.get $p)))
            (local.set $v3 (v128.load offset=48 align=4 (local.get $p)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.promote_low_f32x4 (local.get $v0))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v0) (local.get $v0)))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.promote_low_f32x4 (local.get $v1))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v1) (local.get $v1)))))
            (local.set $a4 (f64x2.add (local.get $a4) (f64x2.promote_low_f32x4 (local.get $v2))))
            (local.set $a5 (f64x2.add (local.get $a5) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v2) (local.get $v2)))))
            (local.set $a6 (f64x2.add (local.get $a6) (f64x2.promote_low_f32x4 (local.get $v3))))
            (local.set $a7 (f64x2.add (local.get $a7) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v3) (local.get $v3)))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $r (i32.sub (local.get $r) (i32.const 1)))
            (br $eachRow)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
        (v128.store64_lane offset=0 align=4 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $a0)))
        (v128.store64_lane offset=8 align=4 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $a1)))
        (v128.store64_lane offset=16 align=4 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $a2)))
        (v128.store64_lane offset=24 align=4 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $a3)))
        (v128.store64_lane offset=32 align=4 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $a4)))
        (v128.store64_lane offset=40 align=4 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $a5)))
        (v128.store64_lane offset=48 align=4 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $a6)))
        (v128.store64_lane offset=56 align=4 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $a7)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $each16)))
    (block $done4
      (loop $each4
        (br_if $done4 (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $channels)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $r (local.get $rows))
        (block $rowsDone4
          (loop $eachRow4
            (br_if $rowsDone4 (i32.eqz (local.get $r)))
            (local.set $v0 (v128.load align=4 (local.get $p)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.promote_low_f32x4 (local.get $v0))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v0) (local.get $v0)))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $r (i32.sub (local.get $r) (i32.const 1)))
            (br $eachRow4)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
        (v128.store64_lane offset=0 align=4 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $a0)))
        (v128.store64_lane offset=8 align=4 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $a1)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $each4)))
    (block $done1
      (loop $each1
        (br_if $done1 (i32.ge_u (local.get $c) (local.get $channels)))
        (local.set $s (f64.const 0))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $r (local.get $rows))
        (block $rowsDone1
          (loop $eachRow1
            (br_if $rowsDone1 (i32.eqz (local.get $r)))
            (local.set $s (f64.add (local.get $s) (f64.promote_f32 (f32.load (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $r (i32.sub (local.get $r) (i32.const 1)))
            (br $eachRow1)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2)))
          (f32.demote_f64 (local.get $s)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $each1))))

  ;; The gradient of a 2×2 max pool at stride 2 without padding, for channels a multiple of 4: each
  ;; window's output gradient goes to the first maximum of its four inputs (row-major, strictly
  ;; greater, as the CPU backend picks it), and the other three get zero. No branch: four channels
  ;; at a time, the choice is made with comparison masks. The windows do not overlap, so every
  ;; input a window covers is written once; dx must start zeroed only where no window reaches (the
  ;; last row or column of an odd side). rowStride and imageStride count floats.
  (func (export "max_pool_grad_2x2")
    (param $x i32) (param $dy i32) (param $dx i32) (param $batch i32) (param $outHeight i32)
    (param $outWidth i32) (param $channels i32) (param $rowStride i32) (param $imageStride i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $k i32) (local $span i32)
    (local $at i32) (local $p0 i32) (local $p2 i32) (local $q0 i32) (local $q2 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $g v128)
    (local $m1 v128) (local $m2 v128) (local $m3 v128) (local $best v128)
    (local.set $span (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $rowStride (i32.shl (local.get $rowStride) (i32.const 2)))
    (local.set $imageStride (i32.shl (local.get $imageStride) (i32.const 2)))
    (block $batchDone
      (loop $eachImage
        (br_if $batchDone (i32.ge_u (local.get $b) (local.get $batch)))
        (local.set $oh (i32.const 0))
        (block $rowsDone
          (loop $eachRow
            (br_if $rowsDone (i32.ge_u (local.get $oh) (local.get $outHeight)))
            (local.set $ow (i32.const 0))
            (block $colsDone
              (loop $eachCol
                (br_if $colsDone (i32.ge_u (local.get $ow) (local.get $outWidth)))
                ;; byte offset of the window's top-left input
                (local.set $at (i32.add
                  (i32.mul (local.get $b) (local.get $imageStride))
                  (i32.add
                    (i32.mul (i32.shl (local.get $oh) (i32.const 1)) (local.get $rowStride))
                    (i32.mul (i32.shl (local.get $ow) (i32.const 1)) (local.get $span)))))
                (local.set $p0 (i32.add (local.get $x) (local.get $at)))
                (local.set $p2 (i32.add (local.get $p0) (local.get $rowStride)))
                (local.set $q0 (i32.add (local.get $dx) (local.get $at)))
                (local.set $q2 (i32.add (local.get $q0) (local.get $rowStride)))
                (local.set $k (i32.const 0))
                (block $chDone
                  (loop $eachCh
                    (br_if $chDone (i32.ge_u (local.get $k) (local.get $span)))
                    (local.set $v0 (v128.load align=4 (i32.add (local.get $p0) (local.get $k))))
                    (local.set $v1 (v128.load align=4
                      (i32.add (i32.add (local.get $p0) (local.get $span)) (local.get $k))))
                    (local.set $v2 (v128.load align=4 (i32.add (local.get $p2) (local.get $k))))
                    (local.set $v3 (v128.load align=4
                      (i32.add (i32.add (local.get $p2) (local.get $span)) (local.get $k))))
                    (local.set $g (v128.load align=4 (local.get $dy)))
                    (local.set $m1 (f32x4.gt (local.get $v1) (local.get $v0)))
                    (local.set $best (v128.bitselect (local.get $v1) (local.get $v0) (local.get $m1)))
                    (local.set $m2 (f32x4.gt (local.get $v2) (local.get $best)))
                    (local.set $best (v128.bitselect (local.get $v2) (local.get $best) (local.get $m2)))
                    (local.set $m3 (f32x4.gt (local.get $v3) (local.get $best)))
                    ;; the first input gets g where no later one was greater, the second where it
                    ;; beat the first and neither later one beat it, and so on
                    (v128.store align=4 (i32.add (local.get $q0) (local.get $k))
                      (v128.andnot (local.get $g)
                        (v128.or (v128.or (local.get $m1) (local.get $m2)) (local.get $m3))))
                    (v128.store align=4 (i32.add (i32.add (local.get $q0) (local.get $span)) (local.get $k))
                      (v128.andnot (v128.andnot (v128.and (local.get $g) (local.get $m1)) (local.get $m2))
                        (local.get $m3)))
                    (v128.store align=4 (i32.add (local.get $q2) (local.get $k))
                      (v128.andnot (v128.and (local.get $g) (local.get $m2)) (local.get $m3)))
                    (v128.store align=4 (i32.add (i32.add (local.get $q2) (local.get $span)) (local.get $k))
                      (v128.and (local.get $g) (local.get $m3)))
                    (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
                    (local.set $k (i32.add (local.get $k) (i32.const 16)))
                    (br $eachCh)))
                (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
                (br $eachCol)))
            (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
            (br $eachRow)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $eachImage))))

  ;; The patches of a convolution's filter gradient at stride 1 without padding, one row per filter
  ;; tap (i, j, c) and one column per output position (b, oh, ow), read from the input laid out as
  ;; one plane per channel, [channels, batch, height, width]: row (i, j, c) holds, for each image b
  ;; of the chunk [first, first + images) and each output row oh, the outWidth inputs of plane c,
  ;; image b, row oh + i, from column j on. Copies 4 floats at a time; the last copy of a run may
  ;; write up to 3 floats past it, which the next run overwrites (the caller leaves 16 bytes spare
  ;; after the patches and after the planes). Sizes count floats.
  (func (export "patch_rows")
    (param $planes i32) (param $p i32) (param $batch i32) (param $height i32) (param $width i32)
    (param $channels i32) (param $first i32) (param $images i32) (param $kh i32) (param $kw i32)
    (param $outHeight i32) (param $outWidth i32)
    (local $i i32) (local $j i32) (local $c i32) (local $b i32) (local $oh i32) (local $k i32)
    (local $src i32) (local $run i32) (local $row i32) (local $imageBytes i32) (local $planeBytes i32)
    (local.set $row (i32.shl (local.get $width) (i32.const 2)))
    (local.set $imageBytes (i32.mul (local.get $height) (local.get $row)))
    (local.set $planeBytes (i32.mul (local.get $batch) (local.get $imageBytes)))
    (local.set $run (i32.shl (local.get $outWidth) (i32.const 2)))
    (block $iDone
      (loop $eachI
        (br_if $iDone (i32.ge_u (local.get $i) (local.get $kh)))
        (local.set $j (i32.const 0))
        (block $jDone
          (loop $eachJ
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $kw)))
            (local.set $c (i32.const 0))
            (block $cDone
              (loop $eachC
                (br_if $cDone (i32.ge_u (local.get $c) (local.get $channels)))
                (local.set $b (local.get $first))
                (block $bDone
                  (loop $eachB
                    (br_if $bDone (i32.ge_u (local.get $b) (i32.add (local.get $first) (local.get $images))))
                    ;; plane c, image b, row i, column j
                    (local.set $src (i32.add (local.get $planes)
                      (i32.add
                        (i32.add (i32.mul (local.get $c) (local.get $planeBytes))
                          (i32.mul (local.get $b) (local.get $imageBytes)))
                        (i32.add (i32.mul (local.get $i) (local.get $row)) (i32.shl (local.get $j) (i32.const 2))))))
                    (local.set $oh (local.get $outHeight))
                    (block $ohDone
                      (loop $eachRow
                        (br_if $ohDone (i32.eqz (local.get $oh)))
                        (local.set $k (i32.const 0))
                        (block $kDone
                          (loop $eachK
                            (br_if $kDone (i32.ge_u (local.get $k) (local.get $run)))
                            (v128.store align=4 (i32.add (local.get $p) (local.get $k))
                              (v128.load align=4 (i32.add (local.get $src) (local.get $k))))
                            (local.set $k (i32.add (local.get $k) (i32.const 16)))
                            (br $eachK)))
                        (local.set $p (i32.add (local.get $p) (local.get $run)))
                        (local.set $src (i32.add (local.get $src) (local.get $row)))
                        (local.set $oh (i32.sub (local.get $oh) (i32.const 1)))
                        (br $eachRow)))
                    (local.set $b (i32.add (local.get $b) (i32.const 1)))
                    (br $eachB)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $eachC)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $eachJ)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachI))))
)
