/**
 * How long each measured request or endpoint is exercised before its timing starts. A server
 * just started is still compiling its hot paths: V8's optimising compiler and the first garbage
 * collections run beside the main thread, on the same core when the server is pinned, and for
 * 2–3 s requests take several times their steady time. Both the HTTP and the scale sections
 * measure the server as it runs on a live site, after this warm-up.
 */
export const WARM_UP_SECONDS = 2;
