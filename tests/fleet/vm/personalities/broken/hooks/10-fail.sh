#!/bin/sh
# A role whose hook fails at every boot: the fleet test rolls guests onto it and the roll must stop.
echo "10-fail: failing on purpose" >&2
exit 3
