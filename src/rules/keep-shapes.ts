/**
 * The last object of each kind the rules make per comment, kept alive until the next one.
 *
 * Why: V8's optimised code refers weakly to the maps (hidden classes) of the objects it was
 * compiled for. The map of objects made by a constructor (`new Detector(…)`, linkify-it's
 * `Match`) is the end of a chain of transitions that only its objects keep alive: once the
 * comment's objects are garbage, a full collection frees the map and deoptimises every function
 * compiled against it ("weak objects" in `--trace-deopt-verbose`), and the next comments pay for
 * their compilation again. Measured on a pass of 100 comments of 1,000 characters right after
 * a forced full collection (valgrind's callgrind, V8 `--predictable`): 259 million instructions,
 * against 105 million for the same pass before it. Keeping one object of each kind keeps its map.
 * What is kept is one comment's worth of objects, replaced by the next comment's.
 */
const kept = new Map<string, object>();

/** Keeps `object` alive in place of the last one kept as `kind`. */
export function keepShape(kind: string, object: object): void {
  kept.set(kind, object);
}
