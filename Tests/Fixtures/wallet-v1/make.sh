#!/usr/bin/env bash
# Made the wallet file beside this script with TikScore as of commit d6059fa (schema v1-ledger +
# v2-live, fingerprints as `String(describing:)`), so every later version's tests can open a wallet
# from that format and check that its keys and feed still replay. Kept for the record: re-running it
# with a newer binary would make a newer file, which is not the point.
# Usage: Tests/Fixtures/wallet-v1/make.sh PATH/TO/OLD/tikscore
set -euo pipefail
bin=${1:?the tikscore binary of the old version}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/wallet.sqlite"
rm -f "$out" "$out-wal" "$out-shm"
export TIKSCORE_DB="$out" TIKSCORE_NOW=2026-11-24T12:00:00Z
"$bin" account create leo --creator --followers 150000 --birthdate 1990-01-01 --created 2024-01-01 \
  --business --creator-next --last-upload 2026-11-20
"$bin" account create mia --birthdate 1995-05-05
"$bin" account create omar
"$bin" recharge mia --points 100000 --method card --card 4242424242424242 --key v1-recharge-card
"$bin" recharge omar --package p700 --method paypal --paypal omar@example.com --key v1-recharge-paypal
"$bin" gift mia leo Rose --count 10 --key v1-gift
"$bin" transfer mia omar 250 --key v1-transfer
"$bin" live start leo
"$bin" follow leo --count 30000 --key v1-follow
"$bin" feed leo "$here/feed.jsonl"
"$bin" gift mia leo Lion --key v1-gift-lion
"$bin" redeem leo amc --key v1-redeem
"$bin" withdraw leo 20000 --paypal leo@example.com --key v1-withdraw
"$bin" verify
sqlite3 "$out" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
sqlite3 "$out" 'PRAGMA journal_mode=DELETE;' >/dev/null
rm -f "$out-wal" "$out-shm"
