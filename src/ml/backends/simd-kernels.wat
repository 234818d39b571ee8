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

  ;; Two matrix products whose left operand A is read from a tensor through two tables of byte
  ;; offsets, A[m, k] = a[rows[m] + cols[k]], so that a convolution needs no matrix of patches: for an
  ;; NHWC input, rows[m] is where output position m's window starts (image, row, column; strides
  ;; included) and cols[k] where filter tap k = (kh, kw, c) lies inside a window (dilations included).
  ;; Each keeps a tile of 4 × 8 results in eight vector registers: per step, two vectors of B, four
  ;; values of A (each loaded once and splatted), eight multiply-adds. n must be a multiple of 8 (the
  ;; caller pads B's and C's columns); the tiled side of A a multiple of 4 (the caller pads the table
  ;; with any valid offset and ignores the extra rows of C). Pointers are byte offsets; b and c are
  ;; row-major with n columns.

  ;; C[m, n] = Σ_k A[m, k] · B[k, n] for m < mRows (a multiple of 4), k < kCols: a convolution's
  ;; output (B its filter, [kh·kw·c, n]) or, through a padded dy and a turned filter, its input's
  ;; gradient.
  (func (export "gather_product")
    (param $a_at i32) (param $rows i32) (param $cols i32) (param $b i32) (param $c i32)
    (param $mRows i32) (param $kCols i32) (param $n i32)
    (local $m i32) (local $j i32) (local $k i32) (local $pb i32) (local $pk i32) (local $o i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $stride i32) (local $pc i32)
    (local $b0 v128) (local $b1 v128) (local $a v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local.set $stride (i32.shl (local.get $n) (i32.const 2)))
    (block $mDone (loop $mLoop
      (br_if $mDone (i32.ge_u (local.get $m) (local.get $mRows)))
      (local.set $r0 (i32.add (local.get $a_at) (i32.load offset=0 (i32.add (local.get $rows) (i32.shl (local.get $m) (i32.const 2))))))
      (local.set $r1 (i32.add (local.get $a_at) (i32.load offset=4 (i32.add (local.get $rows) (i32.shl (local.get $m) (i32.const 2))))))
      (local.set $r2 (i32.add (local.get $a_at) (i32.load offset=8 (i32.add (local.get $rows) (i32.shl (local.get $m) (i32.const 2))))))
      (local.set $r3 (i32.add (local.get $a_at) (i32.load offset=12 (i32.add (local.get $rows) (i32.shl (local.get $m) (i32.const 2))))))
      (local.set $j (i32.const 0))
      (block $nDone (loop $nLoop
        (br_if $nDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $c0 (v128.const i64x2 0 0)) (local.set $c1 (v128.const i64x2 0 0))
        (local.set $c2 (v128.const i64x2 0 0)) (local.set $c3 (v128.const i64x2 0 0))
        (local.set $c4 (v128.const i64x2 0 0)) (local.set $c5 (v128.const i64x2 0 0))
        (local.set $c6 (v128.const i64x2 0 0)) (local.set $c7 (v128.const i64x2 0 0))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pk (local.get $cols))
        (local.set $k (local.get $kCols))
        (block $kDone (loop $kLoop
          (br_if $kDone (i32.eqz (local.get $k)))
          (local.set $o (i32.load (local.get $pk)))
          (local.set $b0 (v128.load offset=0 align=4 (local.get $pb)))
          (local.set $b1 (v128.load offset=16 align=4 (local.get $pb)))
          (local.set $a (v128.load32_splat align=4 (i32.add (local.get $r0) (local.get $o))))
          (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat align=4 (i32.add (local.get $r1) (local.get $o))))
          (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat align=4 (i32.add (local.get $r2) (local.get $o))))
          (local.set $c4 (f32x4.add (local.get $c4) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c5 (f32x4.add (local.get $c5) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat align=4 (i32.add (local.get $r3) (local.get $o))))
          (local.set $c6 (f32x4.add (local.get $c6) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c7 (f32x4.add (local.get $c7) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $pb (i32.add (local.get $pb) (local.get $stride)))
          (local.set $pk (i32.add (local.get $pk) (i32.const 4)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $kLoop)))
        (local.set $pc (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $m) (local.get $n)) (local.get $j)) (i32.const 2))))
        (v128.store offset=0 align=4 (local.get $pc) (local.get $c0))
        (v128.store offset=16 align=4 (local.get $pc) (local.get $c1))
        (local.set $pc (i32.add (local.get $pc) (local.get $stride)))
        (v128.store offset=0 align=4 (local.get $pc) (local.get $c2))
        (v128.store offset=16 align=4 (local.get $pc) (local.get $c3))
        (local.set $pc (i32.add (local.get $pc) (local.get $stride)))
        (v128.store offset=0 align=4 (local.get $pc) (local.get $c4))
        (v128.store offset=16 align=4 (local.get $pc) (local.get $c5))
        (local.set $pc (i32.add (local.get $pc) (local.get $stride)))
        (v128.store offset=0 align=4 (local.get $pc) (local.get $c6))
        (v128.store offset=16 align=4 (local.get $pc) (local.get $c7))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $nLoop)))
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (br $mLoop)))
  )

  ;; C[k, n] = Σ_m A[m, k] · B[m, n] for k < kCols (a multiple of 4), m < mRows, added to C where
  ;; add is not 0: a convolution's filter gradient (B its dy, [positions, n]). The caller runs it
  ;; on a few hundred positions at a time (add from the second on), so that their part of B and of
  ;; the input stays in the first-level cache while every tile of C passes over it.
  (func (export "gather_product_t")
    (param $a_at i32) (param $rows i32) (param $cols i32) (param $b i32) (param $c i32)
    (param $mRows i32) (param $kCols i32) (param $n i32) (param $add i32)
    (local $k i32) (local $j i32) (local $m i32) (local $pb i32) (local $pm i32) (local $row i32)
    (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32) (local $stride i32) (local $pc i32)
    (local $b0 v128) (local $b1 v128) (local $a v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local.set $stride (i32.shl (local.get $n) (i32.const 2)))
    (block $kDone (loop $kLoop
      (br_if $kDone (i32.ge_u (local.get $k) (local.get $kCols)))
      (local.set $o0 (i32.add (local.get $a_at) (i32.load offset=0 (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2))))))
      (local.set $o1 (i32.add (local.get $a_at) (i32.load offset=4 (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2))))))
      (local.set $o2 (i32.add (local.get $a_at) (i32.load offset=8 (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2))))))
      (local.set $o3 (i32.add (local.get $a_at) (i32.load offset=12 (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2))))))
      (local.set $j (i32.const 0))
      (block $nDone (loop $nLoop
        (br_if $nDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $c0 (v128.const i64x2 0 0)) (local.set $c1 (v128.const i64x2 0 0))
        (local.set $c2 (v128.const i64x2 0 0)) (local.set $c3 (v128.const i64x2 0 0))
        (local.set $c4 (v128.const i64x2 0 0)) (local.set $c5 (v128.const i64x2 0 0))
        (local.set $c6 (v128.const i64x2 0 0)) (local.set $c7 (v128.const i64x2 0 0))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pm (local.get $rows))
        (local.set $m (local.get $mRows))
        (block $mDone (loop $mLoop
          (br_if $mDone (i32.eqz (local.get $m)))
          (local.set $row (i32.load (local.get $pm)))
          (local.set $b0 (v128.load offset=0 align=4 (local.get $pb)))
          (local.set $b1 (v128.load offset=16 align=4 (local.get $pb)))
          (local.set $a (v128.load32_splat align=4 (i32.add (local.get $row) (local.get $o0))))
          (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat align=4 (i32.add (local.get $row) (local.get $o1))))
          (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat align=4 (i32.add (local.get $row) (local.get $o2))))
          (local.set $c4 (f32x4.add (local.get $c4) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c5 (f32x4.add (local.get $c5) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat align=4 (i32.add (local.get $row) (local.get $o3))))
          (local.set $c6 (f32x4.add (local.get $c6) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c7 (f32x4.add (local.get $c7) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $pb (i32.add (local.get $pb) (local.get $stride)))
          (local.set $pm (i32.add (local.get $pm) (i32.const 4)))
          (local.set $m (i32.sub (local.get $m) (i32.const 1)))
          (br $mLoop)))
        (local.set $pc (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j)) (i32.const 2))))
        (if (local.get $add) (then
          (local.set $c0 (f32x4.add (local.get $c0) (v128.load offset=0 align=4 (local.get $pc))))
          (local.set $c1 (f32x4.add (local.get $c1) (v128.load offset=16 align=4 (local.get $pc))))))
        (v128.store offset=0 align=4 (local.get $pc) (local.get $c0))
        (v128.store offset=16 align=4 (local.get $pc) (local.get $c1))
        (local.set $pc (i32.add (local.get $pc) (local.get $stride)))
        (if (local.get $add) (then
          (local.set $c2 (f32x4.add (local.get $c2) (v128.load offset=0 align=4 (local.get $pc))))
          (local.set $c3 (f32x4.add (local.get $c3) (v128.load offset=16 align=4 (local.get $pc))))))
        (v128.store offset=0 align=4 (local.get $pc) (local.get $c2))
        (v128.store offset=16 align=4 (local.get $pc) (local.get $c3))
        (local.set $pc (i32.add (local.get $pc) (local.get $stride)))
        (if (local.get $add) (then
          (local.set $c4 (f32x4.add (local.get $c4) (v128.load offset=0 align=4 (local.get $pc))))
          (local.set $c5 (f32x4.add (local.get $c5) (v128.load offset=16 align=4 (local.get $pc))))))
        (v128.store offset=0 align=4 (local.get $pc) (local.get $c4))
        (v128.store offset=16 align=4 (local.get $pc) (local.get $c5))
        (local.set $pc (i32.add (local.get $pc) (local.get $stride)))
        (if (local.get $add) (then
          (local.set $c6 (f32x4.add (local.get $c6) (v128.load offset=0 align=4 (local.get $pc))))
          (local.set $c7 (f32x4.add (local.get $c7) (v128.load offset=16 align=4 (local.get $pc))))))
        (v128.store offset=0 align=4 (local.get $pc) (local.get $c6))
        (v128.store offset=16 align=4 (local.get $pc) (local.get $c7))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $nLoop)))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $kLoop)))
  )
)
