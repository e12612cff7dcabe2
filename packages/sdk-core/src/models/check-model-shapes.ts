import { ModelError } from '../errors/model-error';
import type { ModelValueInfo } from './create-model-session';
import type { NormalisedModelSignalOptions } from './model-signal-options';

/** Names the input and outputs the signal uses, once the model's own declarations agree with the options. */
export interface ModelBinding {
  input: string;
  scoresOutput: string | undefined;
  embeddingOutput: string | undefined;
}

function shapeError(message: string): ModelError {
  return new ModelError('E_MODEL_SHAPE', message);
}

function show(shape: ReadonlyArray<number | string>): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Checks what the model declares against the options, so a mismatch fails
 * at `createModelSignal` rather than on the first upload. Symbolic
 * dimensions (`'batch'`, `'height'`) match anything; a model that declares
 * no shape is checked on every run instead.
 */
export function bindModel(
  options: NormalisedModelSignalOptions,
  inputs: readonly ModelValueInfo[],
  outputs: readonly ModelValueInfo[],
): ModelBinding {
  const input = options.inputName
    ? inputs.find((info) => info.name === options.inputName)
    : inputs.length === 1
      ? inputs[0]
      : undefined;
  if (!input) {
    throw shapeError(
      options.inputName
        ? `The model has no input "${options.inputName}"; its inputs: ${inputs.map((i) => i.name).join(', ')}.`
        : `The model has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}); set inputName.`,
    );
  }
  if (input.type !== undefined && input.type !== 'float32') {
    throw shapeError(
      `Model input "${input.name}" is ${input.type}; Hashguard feeds float32 images.`,
    );
  }
  const { width, height, layout } = options.preprocess;
  const expected = layout === 'nchw' ? [1, 3, height, width] : [1, height, width, 3];
  if (input.shape.length > 0) {
    const fits =
      input.shape.length === 4 &&
      input.shape.every((dim, i) => typeof dim === 'string' || dim === -1 || dim === expected[i]);
    if (!fits) {
      throw shapeError(
        `Model input "${input.name}" is ${show(input.shape)}, but inputSize and layout '${layout}' give ${show(expected)}.`,
      );
    }
  }
  const bindOutput = (name: string | undefined, length: number | undefined, what: string) => {
    const output = name ? outputs.find((info) => info.name === name) : outputs[0];
    if (!output) {
      throw shapeError(
        `The model has no output ${name ? `"${name}"` : ''} for ${what}; its outputs: ${outputs.map((o) => o.name).join(', ')}.`,
      );
    }
    if (output.type !== undefined && output.type !== 'float32') {
      throw shapeError(`Model output "${output.name}" is ${output.type}; Hashguard reads float32.`);
    }
    const dims = output.shape;
    if (
      length !== undefined &&
      dims.length > 0 &&
      dims.every((dim) => typeof dim === 'number' && dim >= 0)
    ) {
      const declared = (dims as number[]).reduce((product, dim) => product * dim, 1);
      if (declared !== length) {
        throw shapeError(
          `Model output "${output.name}" is ${show(dims)} (${declared} values), but ${what} expects ${length}.`,
        );
      }
    }
    return output.name;
  };
  return {
    input: input.name,
    scoresOutput: options.scores
      ? bindOutput(options.scores.name, options.scores.labels.length, 'outputs.scores.labels')
      : undefined,
    embeddingOutput: options.embedding
      ? bindOutput(
          options.embedding.name,
          options.embedding.dimension,
          'outputs.embedding.dimension',
        )
      : undefined,
  };
}
