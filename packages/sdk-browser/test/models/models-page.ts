/**
 * Runs in Chromium for models.browser.test.ts: the model-signal API of the
 * built sdk-core, bundled by esbuild as a member's bundler would (ORT comes
 * in through sdk-core's dynamic `import('onnxruntime-web')`).
 */
import * as models from '@hashguard/sdk-core/models';

declare global {
  interface Window {
    models: typeof models;
  }
}

window.models = models;
document.body.dataset.ready = 'true';
