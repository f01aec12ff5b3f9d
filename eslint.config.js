import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', 'coverage'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['grammy', 'grammy/*', '@grammyjs/*', 'discord.js', 'ioredis', 'pg', 'kysely', 'fastify', 'undici', '@electric-sql/*'], message: 'src/core knows nothing of chat apps, HTTP, Redis or SQL clients: put it behind a port.' },
          { group: ['../bots/*', '../providers/*', '../storage/*', '../http/*', '../infra/*', '../../*'], message: 'src/core must not import adapters.' },
        ],
      }],
    },
  },
  {
    files: ['src/main.ts', 'src/cli/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
