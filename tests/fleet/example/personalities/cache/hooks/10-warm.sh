#!/bin/sh
# Warm the cache at boot (an example hook).
exit 0
