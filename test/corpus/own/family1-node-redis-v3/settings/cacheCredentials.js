module.exports = {
  hostName: 'catalog.redis.cache.windows.net',
  accessKey: 'Y2F0YWxvZy1rZXktZm9yLXRoZS1jYWNoZQ==',
  port: 6380,
};
