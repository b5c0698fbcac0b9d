// The one error the registry throws: every problem of every indicator file, each as `file: what is wrong`.
export interface RegistryProblem {
  file: string;
  message: string;
}

export class RegistryError extends Error {
  readonly problems: readonly RegistryProblem[];

  constructor(problems: readonly RegistryProblem[]) {
    const lines = problems.map((p) => `${p.file}: ${p.message}`);
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`Indicator registry: ${count}\n${lines.join('\n')}`);
    this.name = 'RegistryError';
    this.problems = problems;
  }
}
