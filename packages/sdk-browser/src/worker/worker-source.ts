/**
 * The built worker script, in a module of its own so that the main entry
 * loads it with a dynamic import on the first check: pages that import the
 * SDK but never check a file never download or parse it.
 */
import source from 'virtual:hashguard-worker-source';

export default source;
