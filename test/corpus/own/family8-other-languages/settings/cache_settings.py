import os

import redis
from django_environ import env


class CacheArgs:
    REDIS_HOST = os.getenv("REDIS_HOST")
    REDIS_PORT = os.getenv("REDIS_PORT", 6380)


SESSION_URL = f"redis://:{env('SESSION_REDIS_PASSWORD')}@{env('SESSION_REDIS_HOST')}:{env('SESSION_REDIS_PORT')}"

cache = redis.StrictRedis(host=CacheArgs.REDIS_HOST, port=CacheArgs.REDIS_PORT, ssl=True, username=oid, password=token.token)
