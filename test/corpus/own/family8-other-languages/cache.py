import os
import redis

host = 'contoso-py.redis.cache.windows.net'
port = 6380
CACHE_KEY = 'py:counter'

r = redis.StrictRedis(host=host, port=port, password=os.environ['REDIS_ACCESS_KEY'], ssl=True)


def bump():
    return r.incr(CACHE_KEY)
