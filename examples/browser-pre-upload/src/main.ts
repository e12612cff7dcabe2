import { createPreUploadCheck, type PreUploadProgress } from '@hashguard/sdk-browser';

/**
 * The page a member platform would have: pick a file, check it on the device
 * (hashes only leave the browser), then upload it or not. What a match does
 * is the platform's policy, served by its backend with the endpoint to match:
 *
 * - 'block': a matched file is not uploaded; the page says so, generically.
 * - 'upload-for-review': every file is uploaded and the server quarantines a
 *   matched one; the endpoint answers `allow` to everything, so the page
 *   cannot tell and behaves exactly as for any other file.
 *
 * The demo session cookie (set when the page loaded) authenticates both
 * requests; fetch sends it on same-origin requests by default.
 */
const { policy } = (await (await fetch('/api/config')).json()) as {
  policy: 'block' | 'upload-for-review';
};
const preCheck = createPreUploadCheck({ endpoint: '/api/match', policy });

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = element<HTMLInputElement>('file');
const progress = element<HTMLProgressElement>('progress');
const stage = element<HTMLSpanElement>('stage');
const result = element<HTMLElement>('result');
const verdictText = element<HTMLParagraphElement>('verdict');
const fileName = element<HTMLParagraphElement>('file-name');
const sent = element<HTMLDetailsElement>('sent');
const hashes = element<HTMLPreElement>('hashes');
element<HTMLElement>('policy').textContent = policy;

const STAGES: Record<PreUploadProgress['stage'], string> = {
  digesting: 'Hashing on this device…',
  decoding: 'Hashing on this device…',
  matching: 'Checking…',
  done: 'Checked',
};

let current: AbortController | undefined;

/** The platform's own upload; its server runs checkUpload on every file, checked here or not. */
async function upload(file: File, signal: AbortSignal): Promise<boolean> {
  stage.textContent = 'Uploading…';
  const response = await fetch('/api/upload', {
    method: 'POST',
    body: file,
    headers: { 'content-type': 'application/octet-stream' },
    signal,
  });
  stage.textContent = response.ok ? 'Uploaded' : 'Upload failed';
  return response.ok;
}

function show(kind: 'allow' | 'block' | 'error', message: string): void {
  result.className = `result ${kind}`;
  verdictText.textContent = message;
}

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
    let verdict: 'allow' | 'block' = 'allow';
    try {
      const checked = await preCheck.check(file, {
        signal: controller.signal,
        onProgress: (p) => {
          progress.value = p.fraction;
          stage.textContent = STAGES[p.stage];
        },
      });
      verdict = checked.verdict;
      hashes.textContent = JSON.stringify(checked.hashes, null, 2);
      sent.hidden = false;
    } catch (error) {
      if (controller.signal.aborted) return;
      // The server checks every upload anyway, so a failed pre-check lets the upload go ahead.
      console.error(error);
    }
    if (verdict === 'block') show('block', "This file can't be uploaded.");
    else if (await upload(file, controller.signal)) show('allow', 'Uploaded.');
    else show('error', 'The upload failed. Please try again.');
  } catch (error) {
    if (controller.signal.aborted) return;
    show('error', 'The upload failed. Please try again.');
    console.error(error);
  }
  fileName.textContent = file.name;
  result.hidden = false;
  document.body.dataset.checked = 'true';
});

// Tests (and impatient users) wait for this: the picker works from here on.
document.body.dataset.ready = 'true';
