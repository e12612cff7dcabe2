import {
  type CheckResult,
  ConfigError,
  type FailMode,
  isHashguardError,
  ModelError,
  type Pixels,
} from '@hashguard/sdk-core';
import {
  applyModelsToCheck,
  type EmbeddingIndex,
  evaluateModelSignal,
  type ModelCheckInput,
  type ModelSignal,
  type ModelSignalEvidence,
  type ModelSignalOptions,
  normaliseModelCheckPolicy,
} from '@hashguard/sdk-core/models';
import { createNodeModelSignal } from '../models/create-node-model-signal';

/** One model signal in `createUploadChecker({ models })`. */
export interface UploadModel {
  /**
   * A signal from `createNodeModelSignal` (shared; you close it), or its
   * options: the checker then creates the signal itself, `ready()` rejects
   * with `E_MODEL_LOAD` or `E_MODEL_SHAPE` when it cannot, and `close()`
   * releases it.
   */
  signal: ModelSignal | ModelSignalOptions;
  /** Label → threshold: a score strictly above it turns `allow` into `review`. Labels not listed never flag. */
  scoreThresholds?: Readonly<Record<string, number>>;
  /** Embeddings of known material, matched by cosine similarity; needs `outputs.embedding`. */
  embeddingIndex?: EmbeddingIndex;
  /** Similarity at or above which an embedding match turns `allow` into `review`. Default 0.9. */
  embeddingThreshold?: number;
}

interface BoundModel {
  name: string;
  /** Settles once the signal is loaded; rejects with the load error. */
  signal: Promise<ModelSignal>;
  owned: boolean;
  policy: ModelCheckInput['policy'];
  embeddingIndex: EmbeddingIndex | undefined;
}

/** The model stage of `checkUpload`: signals loaded once, run on the pixels the hashing decoded. */
export interface UploadModels {
  /** Resolves once every owned signal is loaded; rejects with the first load error. */
  ready: Promise<void>;
  /** Runs every model on `pixels` and folds the evidence into `result`. Never rejects. */
  apply(result: CheckResult, pixels: Pixels): Promise<CheckResult>;
  /** Releases the signals the checker created. */
  close(): Promise<void>;
}

function isSignal(value: ModelSignal | ModelSignalOptions): value is ModelSignal {
  return typeof (value as ModelSignal).run === 'function';
}

type Performance = { now(): number };
const clockMs = () => (globalThis as { performance: Performance }).performance.now();

/** Normalises `models` once; starts loading the signals the checker owns. */
export function createUploadModels(
  models: UploadModel | readonly UploadModel[],
  failMode: FailMode,
): UploadModels {
  const list: readonly UploadModel[] = Array.isArray(models) ? models : [models as UploadModel];
  if (list.length === 0 || list.some((model) => !model?.signal)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      'createUploadChecker: every entry of `models` needs a `signal` (a model signal or its options).',
    );
  }
  const bound: BoundModel[] = list.map((model, index) => {
    const given = model.signal;
    const name = isSignal(given) ? given.name : (given.name ?? `model ${index + 1}`);
    const signal = isSignal(given) ? Promise.resolve(given) : createNodeModelSignal(given);
    signal.catch(() => {}); // surfaced through ready() and every check's model evidence
    const { embeddingThreshold, scoreThresholds } = model;
    return {
      name,
      signal,
      owned: !isSignal(given),
      policy: normaliseModelCheckPolicy(name, {
        ...(scoreThresholds && { scoreThresholds }),
        ...(embeddingThreshold !== undefined && { embeddingThreshold }),
      }),
      embeddingIndex: model.embeddingIndex,
    };
  });
  const ready = Promise.all(bound.map((model) => model.signal)).then(() => undefined);
  ready.catch(() => {});

  async function evaluate(model: BoundModel, pixels: Pixels): Promise<ModelSignalEvidence> {
    let signal: ModelSignal;
    try {
      signal = await model.signal;
    } catch (error) {
      // A model that never loaded is a failed model: the fail mode decides each upload.
      const { code, message } = isHashguardError(error)
        ? error
        : new ModelError('E_MODEL_LOAD', String(error));
      return { ok: false, model: model.name, error: { code, message } };
    }
    return evaluateModelSignal(signal, pixels, {
      ...(model.embeddingIndex && {
        embeddingIndex: model.embeddingIndex,
        minSimilarity: model.policy.embeddingThreshold,
      }),
    });
  }

  return {
    ready,
    async apply(result, pixels) {
      const started = clockMs();
      const evidence = await Promise.all(bound.map((model) => evaluate(model, pixels)));
      const inputs = evidence.map((item, i) => ({
        evidence: item,
        policy: (bound[i] as BoundModel).policy,
      }));
      return applyModelsToCheck(result, inputs, failMode, clockMs() - started);
    },
    async close() {
      await Promise.all(
        bound
          .filter((model) => model.owned)
          .map((model) => model.signal.then((signal) => signal.close()).catch(() => {})),
      );
    },
  };
}
