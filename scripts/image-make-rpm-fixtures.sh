#!/usr/bin/env bash
# Regenerates fixtures/image/rpm/: a real rpmdb.sqlite written by rpm 4.18 (installing two tiny
# packages built by rpmbuild, one with an epoch and a subpackage of another source rpm), and a
# BerkeleyDB hash `Packages` holding the same header blobs, written by db5.3_load (the Berkeley DB
# release RHEL 7/8 use). Needs: apt-get install rpm db5.3-util python3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/fixtures/image/rpm"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/SPECS" "$OUT"
cat >"$W/SPECS/gate-tool.spec" <<'SPEC'
Name: gate-tool
Version: 1.2.3
Release: 4.el9
Epoch: 2
Summary: test package
License: MIT
BuildArch: x86_64
%description
test
%package -n gate-tool-libs
Summary: libs
%description -n gate-tool-libs
libs
%install
mkdir -p %{buildroot}/usr/bin %{buildroot}/usr/lib64
echo hi > %{buildroot}/usr/bin/gate-tool
echo lib > %{buildroot}/usr/lib64/libgate.so.1
%files
/usr/bin/gate-tool
%files -n gate-tool-libs
/usr/lib64/libgate.so.1
SPEC
cat >"$W/SPECS/gate-data.spec" <<'SPEC'
Name: gate-data
Version: 0.9
Release: 1.el9
Summary: test data
License: MIT
BuildArch: noarch
%description
data
%install
mkdir -p %{buildroot}/usr/share/gate
echo d > %{buildroot}/usr/share/gate/data.txt
%files
/usr/share/gate/data.txt
SPEC
for spec in "$W"/SPECS/*.spec; do
  rpmbuild -bb --quiet --define "_topdir $W" --define '_build_id_links none' "$spec" >/dev/null 2>&1
done
mkdir -p "$W/db"
rpm --dbpath "$W/db" --initdb
rpm --dbpath "$W/db" -i --justdb --nodeps --nosignature --ignorearch "$W"/RPMS/*/*.rpm
cp "$W/db/rpmdb.sqlite" "$OUT/rpmdb.sqlite"
python3 - "$OUT/rpmdb.sqlite" >"$W/dump.txt" <<'PY'
import sqlite3, struct, sys
rows = sqlite3.connect(sys.argv[1]).execute('SELECT hnum, blob FROM Packages ORDER BY hnum').fetchall()
print('VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=4096\nHEADER=END')
for hnum, blob in rows:
    print(' ' + struct.pack('<I', hnum).hex())
    print(' ' + bytes(blob).hex())
print('DATA=END')
PY
rm -f "$OUT/Packages" "$OUT/Packages-inline"
db5.3_load -f "$W/dump.txt" "$OUT/Packages"
# With 64 KiB pages the headers fit on the hash pages themselves (H_KEYDATA, no overflow pages).
sed 's/^db_pagesize=4096$/db_pagesize=65536/' "$W/dump.txt" >"$W/dump-inline.txt"
db5.3_load -f "$W/dump-inline.txt" "$OUT/Packages-inline"
rpm --dbpath "$W/db" -qa --qf '%{NAME}\t%{EPOCHNUM}\t%{VERSION}-%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\n' | sort >"$OUT/rpm-qa.tsv"
echo "rpm fixtures written to $OUT"
