# Set-up shared by the tests that solve arsenal-gen models (sourced after
# bin=$1): gen, the generator built beside the binary; tmp, a scratch folder
# removed on exit; fail, which ends the test.
gen=${ARS_BINARY_DIR:-$(dirname "$bin")}/arsenal-gen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
[ -x "$gen" ] || fail "arsenal-gen not built at $gen"
