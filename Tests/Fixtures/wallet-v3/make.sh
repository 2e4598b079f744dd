#!/usr/bin/env bash
# Made the wallet file beside this script with TikScore as of commit f84398e (schema v3-keys: feed
# keys `feed:CREATOR:MSGID` in one key space for every event kind, no TikTok identities, no event
# log), so later versions' tests can check that a wallet of that version re-reading its old feeds
# counts nothing twice. Kept for the record: re-running it with a newer binary would make a newer
# file, which is not the point.
# Usage: Tests/Fixtures/wallet-v3/make.sh PATH/TO/OLD/tikscore
set -euo pipefail
bin=${1:?the tikscore binary of the old version}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/wallet.sqlite"
rm -f "$out" "$out-wal" "$out-shm"
export TIKSCORE_DB="$out" TIKSCORE_NOW=2026-11-30T12:00:00Z
"$bin" account create leo --creator --followers 150000 --birthdate 1990-01-01 --created 2024-01-01 \
  --business --creator-next --last-upload 2026-11-20
"$bin" account create mia --birthdate 1995-05-05
"$bin" recharge mia --points 100000 --method card --card 4242424242424242 --key v3-recharge
"$bin" gift mia leo Rose --count 10 --key v3-gift
# Two feeds as that version read them: TikTok-Live-Connector 1.x lines (its social lines and the
# receiver were not read then) and TikTokLive v7 lines.
"$bin" feed leo "$here/feed-1x.jsonl" || true
"$bin" feed leo "$here/feed-v7.jsonl" || true
"$bin" verify
sqlite3 "$out" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
sqlite3 "$out" 'PRAGMA journal_mode=DELETE;' >/dev/null
rm -f "$out-wal" "$out-shm"
