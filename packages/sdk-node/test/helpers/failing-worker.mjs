// A hashFiles worker that cannot even load, as when a native module is missing.
throw new Error('this worker failed to load');
