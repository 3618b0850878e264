/**
 * The single place where convkit touches the tfjs-core engine configuration.
 * Importing it registers the cpu backend (a side effect) and silences the
 * tfjs "install tfjs-node" banner: convkit ships its own fast backends.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core's package entry registers no gradients (its union package does).
// This ESM module is bundled into core's dist by tsup, so ESM and CJS users
// both get every kernel's gradient. It must come after the line above that
// creates the engine through the package's own entry.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { registerConvkitGradients } from './gradients';

let configured = false;

/** Applies convkit's engine defaults once. Safe to call many times. */
export function configureEngine(): void {
  if (configured) return;
  configured = true;
  // PROD turns off tfjs's per-op debug checks and its console banners; convkit
  // does its own shape checks with messages that name the layer.
  tf.env().set('PROD', true);
  // cpu is the default until the user calls setBackend: importing a backend
  // package (which registers a higher-priority factory) must not switch to an
  // uninitialised backend behind the user's back.
  void tf.setBackend('cpu');
}

configureEngine();
// After tfjs-core's registrations above: convkit's corrected gradients replace
// tfjs's for the same kernel names (dilated convs, padded avg pools, broadcast matMul).
registerConvkitGradients();

export { tf };
