/** A one-line progress bar redrawn in place with `\r`; only meaningful on a terminal. */
export interface ProgressBar {
  tick(): void;
  /** Erases the bar so that the output after it starts on a clean line. */
  done(): void;
}

const WIDTH = 30;

export function createProgressBar(total: number, stream: NodeJS.WriteStream): ProgressBar {
  let count = 0;
  let lastDrawn = -1;
  const draw = (): void => {
    const filled = Math.round((count / total) * WIDTH);
    if (filled === lastDrawn && count !== total) return; // Redraw only when it moves.
    lastDrawn = filled;
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${count}/${total}`);
  };
  draw();
  return {
    tick() {
      count++;
      draw();
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
