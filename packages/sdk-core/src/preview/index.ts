export {
  type BlurhashPreview,
  type BlurhashPreviewOptions,
  createBlurhashPreview,
} from './create-blurhash-preview';
export { decodeBlurhashPreview } from './decode-blurhash-preview';
