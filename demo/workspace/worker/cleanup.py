"""Nightly job that trims expired carts."""
import os

import redis

r = redis.Redis(
    host="orders-prod.redis.cache.windows.net",
    port=6380,
    ssl=True,
    password=os.environ["REDIS_ACCESS_KEY"],
    db=1,
)
local = redis.Redis(host="localhost", port=6379)
