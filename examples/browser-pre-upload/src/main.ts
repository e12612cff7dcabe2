import { createPreUploadCheck, type PreUploadProgress } from '@hashguard/sdk-browser';

/**
 * The page a member platform would have: pick a file, check it on the device
 * (hashes only leave the browser), then upload or not. The verdict shown is
 * generic: the page never says what matched.
 */
const preCheck = createPreUploadCheck({ endpoint: '/api/match', policy: 'block' });

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = element<HTMLInputElement>('file');
const progress = element<HTMLProgressElement>('progress');
const stage = element<HTMLSpanElement>('stage');
const result = element<HTMLElement>('result');
const verdictText = element<HTMLParagraphElement>('verdict');
const fileName = element<HTMLParagraphElement>('file-name');
const sent = element<HTMLDetailsElement>('sent');
const hashes = element<HTMLPreElement>('hashes');

const STAGES: Record<PreUploadProgress['stage'], string> = {
  digesting: 'Hashing on this device…',
  decoding: 'Hashing on this device…',
  matching: 'Checking…',
  done: 'Checked',
};

let current: AbortController | undefined;

input.addEventListener('change', async () => {
  const file = input.files?.[0];
  if (!file) return;
  current?.abort(); // a new pick cancels the previous check
  const controller = new AbortController();
  current = controller;
  result.hidden = true;
  sent.hidden = true;
  progress.value = 0;
  try {
    const checked = await preCheck.check(file, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.value = p.fraction;
        stage.textContent = STAGES[p.stage];
      },
    });
    result.className = `result ${checked.verdict}`;
    verdictText.textContent =
      checked.verdict === 'block'
        ? "This file can't be uploaded."
        : 'Check passed. The upload would start now.';
    hashes.textContent = JSON.stringify(checked.hashes, null, 2);
    sent.hidden = false;
  } catch (error) {
    if (controller.signal.aborted) return;
    result.className = 'result error';
    verdictText.textContent =
      'The check could not finish; the upload would go ahead and be checked on the server.';
    console.error(error);
  }
  fileName.textContent = file.name;
  result.hidden = false;
  document.body.dataset.checked = 'true';
});
