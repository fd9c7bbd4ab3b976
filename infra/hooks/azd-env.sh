# Sourced by the azd hooks: azd_value KEY prints KEY's value from `azd env get-values` (the
# deployment's outputs and the environment's settings), empty when absent.
azd_values="$(azd env get-values)"

azd_value() {
  printf '%s\n' "$azd_values" | sed -n "s/^$1=\"\\(.*\\)\"\$/\\1/p" | head -n 1
}

azd_require() {
  value="$(azd_value "$1")"
  if [ -z "$value" ]; then
    echo "azd env get-values has no $1: run azd provision first." >&2
    exit 1
  fi
  printf '%s' "$value"
}
