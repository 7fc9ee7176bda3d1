/** Vite's `?worker` imports: the module's default export starts it as a dedicated worker. */
declare module '*?worker' {
  const WorkerScript: new (options?: { name?: string }) => Worker;
  export default WorkerScript;
}
