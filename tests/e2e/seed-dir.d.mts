export declare const E2E_DEMO_PASSWORD: string
export declare const E2E_SEEDS: Record<'demo' | 'empty', { dir: string; env: Record<string, string> }>
export declare function copySeed(kind: 'demo' | 'empty', dataDir: string): string
