import { resolveComponent, withCtx, createVNode, createTextVNode, useSSRContext } from "vue";
import { ssrRenderAttrs, ssrRenderComponent } from "vue/server-renderer";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Why convkit","description":"","frontmatter":{},"headers":[],"relativePath":"guide/index.md","filePath":"guide/index.md"}');
const _sfc_main = { name: "guide/index.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  const _component_RunExample = resolveComponent("RunExample");
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="why-convkit" tabindex="-1">Why convkit <a class="header-anchor" href="#why-convkit" aria-label="Permalink to &quot;Why convkit&quot;">​</a></h1><p>convkit trains, compresses and ships convolutional neural networks (CNNs) from TypeScript, in Node and in the browser, with the same code. It is for JavaScript developers who want an image classifier in their app or service without a Python toolchain next to it.</p><ul><li><strong>One language, both runtimes.</strong> The same model code trains in Node (a script, a CI job) and in a page (a Web Worker), and the saved model loads in either.</li><li><strong>Fast enough to train, not only to run.</strong> The <code>wasm</code> backend adds WebAssembly SIMD training kernels (convolution gradients, GEMM, pooling gradients) to TensorFlow.js&#39;s XNNPACK forward kernels, on worker threads where the platform allows it. MNIST-sized CNNs train in about a minute on two cores.</li><li><strong>Small models to ship.</strong> <code>@convkit/compress</code> prunes, quantizes to int8 and writes a compact file format, and its report says what each step costs in accuracy and gains in size and latency.</li><li><strong>Install only what you use.</strong> Separate packages (<code>core</code>, <code>layers</code>, <code>optim</code>, <code>data</code>, <code>backend-wasm</code>, <code>compress</code>, <code>cli</code>); <code>@convkit/data</code> does not pull in the layers, the layers pull in no optimizer or backend.</li><li><strong>Errors that say what went wrong,</strong> naming the layer and the shapes, and a NaN never passes silently.</li></ul><p>What it is not: a general deep-learning framework. convkit is built on <code>@tensorflow/tfjs-core</code> tensors and focuses on CNNs for images; there is no GPU backend yet (WebGPU is planned), and it will not match a CUDA GPU for large models. If you need transformers or large datasets, use Python tools and export.</p><h2 id="a-first-network" tabindex="-1">A first network <a class="header-anchor" href="#a-first-network" aria-label="Permalink to &quot;A first network&quot;">​</a></h2><p>The block below is a complete program: copy it into a <code>.ts</code> file, or press <strong>Run</strong> to train it in this page (a Web Worker on the <code>wasm</code> backend). It learns to tell horizontal bars from vertical ones in tiny 8 × 8 images.</p>`);
  _push(ssrRenderComponent(_component_RunExample, { code: "X19jb252a2l0KCJAY29udmtpdC9iYWNrZW5kLXdhc20iKTsKY29uc3QgeyBzZXRCYWNrZW5kLCBzZXRTZWVkLCB0ZW5zb3I0ZCwgdGVuc29yMWQgfSA9IF9fY29udmtpdCgiQGNvbnZraXQvY29yZSIpOwpjb25zdCB7IENvbnYyRCwgRGVuc2UsIEZsYXR0ZW4sIE1heFBvb2wyRCwgU2VxdWVudGlhbCB9ID0gX19jb252a2l0KCJAY29udmtpdC9sYXllcnMiKTsKY29uc3QgeyBBZGFtIH0gPSBfX2NvbnZraXQoIkBjb252a2l0L29wdGltIik7CmF3YWl0IHNldEJhY2tlbmQoJ3dhc20nKTsKc2V0U2VlZCgxKTsKLy8gNjQgaW1hZ2VzOiBhIGJyaWdodCBob3Jpem9udGFsIChsYWJlbCAwKSBvciB2ZXJ0aWNhbCAobGFiZWwgMSkgYmFyIGF0IGEgcmFuZG9tIHBsYWNlLgpjb25zdCBuID0gNjQ7CmNvbnN0IHBpeGVscyA9IG5ldyBGbG9hdDMyQXJyYXkobiAqIDggKiA4KTsKY29uc3QgbGFiZWxzID0gW107CmZvciAobGV0IGkgPSAwOyBpIDwgbjsgaSsrKSB7CiAgICBjb25zdCB2ZXJ0aWNhbCA9IGkgJSAyOwogICAgY29uc3QgYXQgPSAoaSAqIDUpICUgODsKICAgIGZvciAobGV0IGsgPSAwOyBrIDwgODsgaysrKSB7CiAgICAgICAgY29uc3QgW3JvdywgY29sXSA9IHZlcnRpY2FsID8gW2ssIGF0XSA6IFthdCwga107CiAgICAgICAgcGl4ZWxzW2kgKiA2NCArIHJvdyAqIDggKyBjb2xdID0gMTsKICAgIH0KICAgIGxhYmVscy5wdXNoKHZlcnRpY2FsKTsKfQpjb25zdCB4cyA9IHRlbnNvcjRkKHBpeGVscywgW24sIDgsIDgsIDFdKTsKY29uc3QgeXMgPSB0ZW5zb3IxZChsYWJlbHMsICdpbnQzMicpOwpjb25zdCBtb2RlbCA9IG5ldyBTZXF1ZW50aWFsKHsKICAgIGxheWVyczogWwogICAgICAgIG5ldyBDb252MkQoeyBmaWx0ZXJzOiA0LCBrZXJuZWxTaXplOiAzLCBhY3RpdmF0aW9uOiAncmVsdScsIGlucHV0U2hhcGU6IFs4LCA4LCAxXSB9KSwKICAgICAgICBuZXcgTWF4UG9vbDJEKHsgcG9vbFNpemU6IDIgfSksCiAgICAgICAgbmV3IEZsYXR0ZW4oKSwKICAgICAgICBuZXcgRGVuc2UoeyB1bml0czogMiwgYWN0aXZhdGlvbjogJ3NvZnRtYXgnIH0pLAogICAgXSwKfSk7Cm1vZGVsLmNvbXBpbGUoeyBvcHRpbWl6ZXI6IG5ldyBBZGFtKHsgbGVhcm5pbmdSYXRlOiAwLjA1IH0pLCBsb3NzOiAnc3BhcnNlQ2F0ZWdvcmljYWxDcm9zc2VudHJvcHknLCBtZXRyaWNzOiBbJ2FjY3VyYWN5J10gfSk7CmF3YWl0IG1vZGVsLmZpdCh4cywgeXMsIHsgZXBvY2hzOiAxNSwgYmF0Y2hTaXplOiAxNiwgdmVyYm9zZTogMCB9KTsKY29uc3QgeyBsb3NzLCBhY2N1cmFjeSB9ID0gYXdhaXQgbW9kZWwuZXZhbHVhdGUoeHMsIHlzKTsKY29uc29sZS5sb2coYGxvc3MgJHtsb3NzLnRvRml4ZWQoMyl9LCBhY2N1cmFjeSAkeyhhY2N1cmFjeSAqIDEwMCkudG9GaXhlZCgxKX0gJWApOwppZiAoIShhY2N1cmFjeSA+IDAuOSkpCiAgICB0aHJvdyBuZXcgRXJyb3IoYGV4cGVjdGVkIHRoZSBiYXJzIHRvIGJlIGxlYXJudCwgZ290IGFjY3VyYWN5ICR7YWNjdXJhY3l9YCk7CnhzLmRpc3Bvc2UoKTsKeXMuZGlzcG9zZSgpOwptb2RlbC5kaXNwb3NlKCk7" }, {
    default: withCtx((_, _push2, _parent2, _scopeId) => {
      if (_push2) {
        _push2(`<div class="language-ts vp-adaptive-theme"${_scopeId}><button title="Copy Code" class="copy"${_scopeId}></button><span class="lang"${_scopeId}>ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"${_scopeId}><code${_scopeId}><span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>import</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}> &#39;@convkit/backend-wasm&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>;</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>import</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> { setBackend, setSeed, tensor4d, tensor1d } </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>from</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}> &#39;@convkit/core&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>;</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>import</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> { Conv2D, Dense, Flatten, MaxPool2D, Sequential } </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>from</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}> &#39;@convkit/layers&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>;</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>import</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> { Adam } </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>from</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}> &#39;@convkit/optim&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>;</span></span>
<span class="line"${_scopeId}></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>await</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> setBackend</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>&#39;wasm&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>);</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>setSeed</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>1</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>);</span></span>
<span class="line"${_scopeId}></span>
<span class="line"${_scopeId}><span style="--shiki-light:#6A737D;--shiki-dark:#6A737D;"${_scopeId}>// 64 images: a bright horizontal (label 0) or vertical (label 1) bar at a random place.</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> n</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> =</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 64</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>;</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> pixels</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> =</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> new</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> Float32Array</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(n </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>*</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 8</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> *</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 8</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>);</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> labels</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> number</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>[] </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>=</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> [];</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>for</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> (</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>let</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> i </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>=</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 0</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>; i </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>&lt;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> n; i</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>++</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>) {</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>  const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> vertical</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> =</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> i </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>%</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 2</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>;</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>  const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> at</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> =</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> (i </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>*</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 5</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>) </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>%</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 8</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>;</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>  for</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> (</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>let</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> k </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>=</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 0</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>; k </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>&lt;</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 8</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>; k</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>++</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>) {</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>    const</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> [</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>row</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>col</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>] </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>=</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> vertical </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>?</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> [k, at] </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>:</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> [at, k];</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>    pixels[i </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>*</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 64</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> +</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> row </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>*</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 8</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> +</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> col] </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>=</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 1</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>;</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>  }</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>  labels.</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>push</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(vertical);</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>}</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> xs</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> =</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> tensor4d</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(pixels, [n, </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>8</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>8</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>1</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>]);</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> ys</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> =</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> tensor1d</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(labels, </span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>&#39;int32&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>);</span></span>
<span class="line"${_scopeId}></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> model</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> =</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> new</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> Sequential</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>({</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>  layers: [</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>    new</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> Conv2D</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>({ filters: </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>4</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, kernelSize: </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>3</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, activation: </span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>&#39;relu&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, inputShape: [</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>8</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>8</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>1</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>] }),</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>    new</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> MaxPool2D</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>({ poolSize: </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>2</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> }),</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>    new</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> Flatten</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(),</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>    new</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> Dense</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>({ units: </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>2</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, activation: </span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>&#39;softmax&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> }),</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>  ],</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>});</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>model.</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>compile</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>({ optimizer: </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>new</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> Adam</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>({ learningRate: </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>0.05</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> }), loss: </span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>&#39;sparseCategoricalCrossentropy&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, metrics: [</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>&#39;accuracy&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>] });</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>await</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> model.</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>fit</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(xs, ys, { epochs: </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>15</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, batchSize: </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>16</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, verbose: </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>0</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> });</span></span>
<span class="line"${_scopeId}></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>const</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> { </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>loss</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>, </span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>accuracy</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> } </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>=</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> await</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> model.</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>evaluate</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(xs, ys);</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>console.</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>log</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>\`loss \${</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>loss</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>.</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>toFixed</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>(</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>3</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>)</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>}, accuracy \${</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>(</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>accuracy</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> *</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 100</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>).</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>toFixed</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>(</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}>1</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>)</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>} %\`</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>);</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>if</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}> (</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>!</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(accuracy </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>&gt;</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"${_scopeId}> 0.9</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>)) </span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}>throw</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"${_scopeId}> new</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}> Error</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>(</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>\`expected the bars to be learnt, got accuracy \${</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>accuracy</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"${_scopeId}>}\`</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>);</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>xs.</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>dispose</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>();</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>ys.</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>dispose</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>();</span></span>
<span class="line"${_scopeId}><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>model.</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"${_scopeId}>dispose</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"${_scopeId}>();</span></span></code></pre></div>`);
      } else {
        return [
          createVNode("div", { class: "language-ts vp-adaptive-theme" }, [
            createVNode("button", {
              title: "Copy Code",
              class: "copy"
            }),
            createVNode("span", { class: "lang" }, "ts"),
            createVNode("pre", {
              class: "shiki shiki-themes github-light github-dark vp-code",
              tabindex: "0"
            }, [
              createVNode("code", null, [
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "import"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, " '@convkit/backend-wasm'"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ";")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "import"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " { setBackend, setSeed, tensor4d, tensor1d } "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "from"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, " '@convkit/core'"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ";")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "import"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " { Conv2D, Dense, Flatten, MaxPool2D, Sequential } "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "from"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, " '@convkit/layers'"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ";")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "import"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " { Adam } "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "from"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, " '@convkit/optim'"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ";")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "await"),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " setBackend"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "("),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "'wasm'"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ");")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "setSeed"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "("),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "1"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ");")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#6A737D", "--shiki-dark": "#6A737D" } }, "// 64 images: a bright horizontal (label 0) or vertical (label 1) bar at a random place.")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "const"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " n"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " ="),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 64"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ";")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "const"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " pixels"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " ="),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " new"),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " Float32Array"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "(n "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "*"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 8"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " *"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 8"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ");")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "const"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " labels"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, ":"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " number"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "[] "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "="),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " [];")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "for"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " ("),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "let"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " i "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "="),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 0"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "; i "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "<"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " n; i"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "++"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ") {")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "  const"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " vertical"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " ="),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " i "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "%"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 2"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ";")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "  const"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " at"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " ="),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " (i "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "*"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 5"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ") "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "%"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 8"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ";")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "  for"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " ("),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "let"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " k "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "="),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 0"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "; k "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "<"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 8"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "; k"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "++"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ") {")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "    const"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " ["),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "row"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "col"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "] "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "="),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " vertical "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "?"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " [k, at] "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, ":"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " [at, k];")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "    pixels[i "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "*"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 64"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " +"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " row "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "*"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 8"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " +"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " col] "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "="),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 1"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ";")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "  }")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "  labels."),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "push"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "(vertical);")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "}")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "const"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " xs"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " ="),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " tensor4d"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "(pixels, [n, "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "8"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "8"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "1"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "]);")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "const"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " ys"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " ="),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " tensor1d"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "(labels, "),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "'int32'"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ");")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "const"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " model"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " ="),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " new"),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " Sequential"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "({")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "  layers: [")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "    new"),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " Conv2D"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "({ filters: "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "4"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", kernelSize: "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "3"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", activation: "),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "'relu'"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", inputShape: ["),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "8"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "8"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "1"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "] }),")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "    new"),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " MaxPool2D"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "({ poolSize: "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "2"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " }),")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "    new"),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " Flatten"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "(),")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "    new"),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " Dense"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "({ units: "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "2"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", activation: "),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "'softmax'"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " }),")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "  ],")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "});")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "model."),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "compile"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "({ optimizer: "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "new"),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " Adam"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "({ learningRate: "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "0.05"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " }), loss: "),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "'sparseCategoricalCrossentropy'"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", metrics: ["),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "'accuracy'"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "] });")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "await"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " model."),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "fit"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "(xs, ys, { epochs: "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "15"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", batchSize: "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "16"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", verbose: "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "0"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " });")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "const"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " { "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "loss"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ", "),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "accuracy"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " } "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "="),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " await"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " model."),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "evaluate"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "(xs, ys);")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "console."),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "log"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "("),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "`loss ${"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "loss"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "."),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "toFixed"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "("),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "3"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, ")"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "}, accuracy ${"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "("),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "accuracy"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " *"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 100"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, ")."),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "toFixed"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "("),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, "1"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, ")"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "} %`"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ");")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "if"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, " ("),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "!"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "(accuracy "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, ">"),
                  createVNode("span", { style: { "--shiki-light": "#005CC5", "--shiki-dark": "#79B8FF" } }, " 0.9"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ")) "),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, "throw"),
                  createVNode("span", { style: { "--shiki-light": "#D73A49", "--shiki-dark": "#F97583" } }, " new"),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, " Error"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "("),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "`expected the bars to be learnt, got accuracy ${"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "accuracy"),
                  createVNode("span", { style: { "--shiki-light": "#032F62", "--shiki-dark": "#9ECBFF" } }, "}`"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, ");")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "xs."),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "dispose"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "();")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "ys."),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "dispose"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "();")
                ]),
                createTextVNode("\n"),
                createVNode("span", { class: "line" }, [
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "model."),
                  createVNode("span", { style: { "--shiki-light": "#6F42C1", "--shiki-dark": "#B392F0" } }, "dispose"),
                  createVNode("span", { style: { "--shiki-light": "#24292E", "--shiki-dark": "#E1E4E8" } }, "();")
                ])
              ])
            ])
          ])
        ];
      }
    }),
    _: 1
  }, _parent));
  _push(`<p>Next: <a href="./getting-started.html">Getting started</a> shows which packages to install for Node and for the browser, and the <a href="/convkit/api/">API reference</a> lists every export.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("guide/index.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const index = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  index as default
};
