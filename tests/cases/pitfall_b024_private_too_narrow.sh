#!/bin/sh
# Pitfall B024: "private" must not mean only 172.16.* or only 10/8.  One
# denied attempt to 192.0.2.15:445 from each of 172.20.1.1, 192.168.7.7,
# 192.169.0.1, 10.1.2.3, 100.64.0.1, 100.128.0.1, 169.254.1.1, 11.0.0.1.
#
# By hand, default profile (masks of detection.md 2.2): internal are
# 172.20.1.1 (172.16/12), 192.168.7.7 (192.168/16), 10.1.2.3 (10/8),
# 100.64.0.1 (100.64/10), 169.254.1.1 (169.254/16); external are
# 11.0.0.1, 100.128.0.1 (past 100.127.255.255) and 192.169.0.1.  With
# --min-ports 1: three Suspicious Probes in address order.
# --internal 192.169.0.0/16 adds a network: 192.169.0.1 goes.
# Sentinel profile (text test on "10.", "192.168.", "172."): external are
# 11.0.0.1, 100.64.0.1, 100.128.0.1, 169.254.1.1 and 192.169.0.1.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b024_private_too_narrow.log
stage $f
tail=',Suspicious Probe,1,1,1,1,"[445]",0,2024-03-03T10:00:14.000Z,2024-03-03T10:00:14.000Z,Linux,netfilter'

detect --min-ports 1 $f
expect_csv "default profile" <<END
2024-03-03T10:00:00Z,11.0.0.1$tail
2024-03-03T10:00:00Z,100.128.0.1$tail
2024-03-03T10:00:00Z,192.169.0.1$tail
END

detect --min-ports 1 --internal 192.169.0.0/16 $f
expect_csv "default profile, --internal 192.169.0.0/16" <<END
2024-03-03T10:00:00Z,11.0.0.1$tail
2024-03-03T10:00:00Z,100.128.0.1$tail
END

detect --profile sentinel --min-ports 1 $f
expect_csv "sentinel profile" <<END
2024-03-03T10:00:00Z,11.0.0.1$tail
2024-03-03T10:00:00Z,100.64.0.1$tail
2024-03-03T10:00:00Z,100.128.0.1$tail
2024-03-03T10:00:00Z,169.254.1.1$tail
2024-03-03T10:00:00Z,192.169.0.1$tail
END
finish
