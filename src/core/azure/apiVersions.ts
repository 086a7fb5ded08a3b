/** API versions read as raw JSON: the newest stable ones, which carry every AMR field. Kept apart from the inventory so that readers of one resource do not bundle the SDKs. */
export const API_VERSIONS = {
  subscriptions: '2022-12-01',
  redis: '2024-11-01',
  redisEnterprise: '2025-07-01',
} as const;
