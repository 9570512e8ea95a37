/** Clones the workspace's committed HEAD into `dir` and links node_modules from the workspace. */
export function freshClone(
  workspaceRoot: string,
  dir: string,
  options?: { branch?: string },
): { dir: string; head: string };
