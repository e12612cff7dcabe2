export {
  type BlurhashFromImageOptions,
  createBlurhashFromImage,
} from './create-blurhash-from-image';
