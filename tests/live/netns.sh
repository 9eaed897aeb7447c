#!/bin/sh
# Run a command in a private network namespace with loopback up, where the kernel
# and permissions allow it (root: unshare -n; otherwise user namespaces: unshare -rn).
# aisnode's public ports bind all interfaces; inside the namespace nothing else
# can reach them. Elsewhere the command runs as is, on ports chosen at run time.
if command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1; then
	for flags in -n -rn; do
		if unshare $flags sh -c 'ip link set lo up' 2>/dev/null; then
			echo "live: private network namespace (unshare $flags)" >&2
			exec unshare $flags sh -c 'ip link set lo up && exec "$0" "$@"' "$@"
		fi
	done
fi
echo "live: no private network namespace here; using free ports on 127.0.0.1" >&2
exec "$@"
