// The article CNN's training step in jax-js (npm @jax-js/jax, a benchmark-only dev dependency), for
// `npm run bench -- --kernels`: the same step as kernel-profile.ts, the article's CNN (121,930
// parameters), batch 32 of the same kind of random inputs, Adam 0.001 (β 0.9, 0.999, ε 1e-7, written
// out as optax writes it), on jax-js's Wasm device, with the loss gradient and the update each under
// jit. The step trains one fixed batch, so its loss must fall: a check that the model and its
// gradients are right, not only fast. Runs wherever jax-js does: jax-profile.mjs calls it in Node.js,
// jax-browser.mjs in headless Chromium; each passes the module it imported.

const BATCH = 32;

/**
 * Times `steps` training steps after `warm` untimed ones.
 * @param {typeof import('@jax-js/jax')} jax
 * @param {{ steps: number, warm: number }} options
 */
export async function profileJaxStep(jax, { steps: STEPS, warm: WARM }) {
  const { init, jit, lax, nn, numpy: np, random, tree, valueAndGrad } = jax;
  const devices = await init('wasm');
  if (!devices.includes('wasm')) throw new Error('jax-js found no Wasm device');

  /** Glorot-uniform weights, as Keras and TensorFlow.js initialise the book's layers. */
  const glorot = (key, shape, fanIn, fanOut) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return random.uniform(key, shape, { minval: -limit, maxval: limit });
  };
  const [k1, k2, k3, k4, kx, ky] = random.split(random.key(1), 6);
  // NCHW, as jax-js's convolution takes it: 32 3×3 filters, pool, 64 3×3 filters, pool, 1,600 → 64 → 10
  let params = {
    w1: glorot(k1, [32, 1, 3, 3], 9, 288),
    b1: np.zeros([32, 1, 1]),
    w2: glorot(k2, [64, 32, 3, 3], 288, 576),
    b2: np.zeros([64, 1, 1]),
    w3: glorot(k3, [1600, 64], 1600, 64),
    b3: np.zeros([64]),
    w4: glorot(k4, [64, 10], 64, 10),
    b4: np.zeros([10]),
  };
  const parameters = tree.leaves(tree.ref(params)).reduce((sum, a) => {
    const size = a.size;
    a.dispose();
    return sum + size;
  }, 0);

  const pool = (x) => lax.reduceWindow(x, np.max, [2, 2], [2, 2]);
  const logProbabilities = (p, x) => {
    const a1 = pool(nn.relu(lax.convGeneralDilated(x, p.w1, [1, 1], 'VALID').add(p.b1)));
    const a2 = pool(nn.relu(lax.convGeneralDilated(a1, p.w2, [1, 1], 'VALID').add(p.b2)));
    const hidden = nn.relu(np.dot(a2.reshape([-1, 1600]), p.w3).add(p.b3));
    return nn.logSoftmax(np.dot(hidden, p.w4).add(p.b4));
  };
  const loss = (p, x, y) =>
    logProbabilities(p, x)
      .mul(y)
      .sum()
      .mul(-1 / BATCH);
  const lossAndGrad = jit(valueAndGrad(loss));

  const [beta1, beta2, epsilon, rate] = [0.9, 0.999, 1e-7, 0.001];
  let m = tree.map((a) => np.zerosLike(a), tree.ref(params));
  let v = tree.map((a) => np.zerosLike(a), tree.ref(params));
  const adam = jit((p, g, m, v, c1, c2) => {
    const m2 = tree.map((mi, gi) => mi.mul(beta1).add(gi.mul(1 - beta1)), m, tree.ref(g));
    const v2 = tree.map((vi, gi) => vi.mul(beta2).add(gi.ref.mul(gi).mul(1 - beta2)), v, g);
    const p2 = tree.map(
      (pi, mi, vi) =>
        pi.sub(
          mi
            .mul(c1.ref)
            .div(np.sqrt(vi.mul(c2.ref)).add(epsilon))
            .mul(rate),
        ),
      p,
      tree.ref(m2),
      tree.ref(v2),
    );
    c1.dispose();
    c2.dispose();
    return [p2, m2, v2];
  });

  const xs = random.uniform(kx, [BATCH, 1, 28, 28]);
  const ys = nn.oneHot(random.randint(ky, { minval: 0, maxval: 10, shape: [BATCH] }), 10);
  let t = 0;
  /** One step: the loss before the update (read back, as the book's step reads its loss). */
  async function step() {
    t += 1;
    const [value, grads] = lossAndGrad(tree.ref(params), xs.ref, ys.ref);
    [params, m, v] = adam(params, grads, m, v, np.array(1 / (1 - beta1 ** t)), np.array(1 / (1 - beta2 ** t)));
    return /** @type {number} */ (await value.jsAsync());
  }

  const first = await step();
  for (let i = 1; i < WARM; i++) await step();
  const started = performance.now();
  let last = first;
  for (let i = 0; i < STEPS; i++) last = await step();
  const stepMs = (performance.now() - started) / STEPS;
  return { parameters, stepMs, samplesPerSec: (BATCH * 1000) / stepMs, firstLoss: first, lastLoss: last };
}
