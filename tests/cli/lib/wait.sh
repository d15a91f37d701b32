# wait_for SECONDS CONDITION (sourced by the shell tests): evaluates the shell
# CONDITION every 50 ms until it holds (status 0) or SECONDS have passed
# (status 1). For what a test cannot be told of when it happens; the bound is
# only against a hang, so make it generous: a loaded machine or a sanitizer
# build takes many times the usual.
wait_for() {
  local until_s=$((SECONDS + $1))
  while ! eval "$2"; do
    [ $SECONDS -lt $until_s ] || return 1
    sleep 0.05
  done
}
