#!/bin/sh
# detection.md section 3: DeviceVendor and DeviceProduct are those of the
# earliest event, ties going to the first in input order, whatever the
# thread count.  spec_vendor_tie_first.log (VendA ProdA: port 1 at
# 10:00:10, port 2 at 10:00:11) and spec_vendor_tie_second.log (VendB
# ProdB: port 3 at 10:00:10) from 203.0.113.9 to 192.0.2.1.
# By hand: 3 ports, 1 host, 3 attempts, 1 s; the 10:00:10 tie goes to the
# file named first: VendA with "first second", VendB with "second first",
# for -j 1 and -j 2 alike.
. "$TESTDIR/cases/include/lib.sh"
stage spec_vendor_tie_first.log
stage spec_vendor_tie_second.log
row='2024-03-03T10:00:00Z,203.0.113.9,Suspicious Probe,3,1,3,3,"[1,2,3]",1,2024-03-03T10:00:10.000Z,2024-03-03T10:00:11.000Z'

for j in 1 2; do
	detect -j $j --min-ports 1 spec_vendor_tie_first.log \
	    spec_vendor_tie_second.log
	echo "$row,VendA,ProdA" | expect_csv "-j $j, first file first"
	detect -j $j --min-ports 1 spec_vendor_tie_second.log \
	    spec_vendor_tie_first.log
	echo "$row,VendB,ProdB" | expect_csv "-j $j, second file first"
done
finish
