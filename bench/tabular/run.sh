#!/usr/bin/env bash
# The tabular anomaly suite: on every set (made by make_suite.py from r-cran-mlbench and
# scikit-learn's bundled data), our detector as the anomaly sample's CSV mode runs it, with its
# defaults, ML.NET's RandomizedPca as that run prints it beside ours, and, in the same run,
# scikit-learn's Isolation Forest and PCA reconstruction error (peers.py). Prints one line per
# set and the mean AUROC of the tuning sets and of the held-out sets (never looked at while
# choosing defaults), each on its own line:
#   <set> ours <auroc> mlnet-pca <auroc> iforest <auroc> pca <auroc>
# Usage: [CSV_OPTIONS="--contamination 0.05"] bench/tabular/run.sh [SET ...]   (default: every set)
set -euo pipefail
cd "$(dirname "$0")"
data=${TABULAR_SUITE:-data}
if [ ! -f "$data/suite.tsv" ]; then
  if ! /usr/bin/python3 -c 'import rdata, sklearn' 2>/dev/null || [ ! -d /usr/lib/R/site-library/mlbench ]; then
    echo "bench/tabular needs Debian's r-cran-mlbench, python3-rdata and python3-sklearn (./build.sh bench installs them)" >&2
    exit 1
  fi
  /usr/bin/python3 make_suite.py "$data" >/dev/null
fi
dotnet build ../../samples/AnomalyDetection -c Release -v quiet -nologo >/dev/null
sample=../../samples/AnomalyDetection/bin/Release/net10.0/AnomalyDetection.dll

wanted=" $* "
results=""
value() { printf '%s\n' "$output" | awk "$1"; }  # a value from the sample's output of the set at hand
while IFS=$'\t' read -r set file rows features share held_out _; do
  [ "$set" = set ] && continue
  [ $# -eq 0 ] || [[ "$wanted" == *" $set "* ]] || continue
  # shellcheck disable=SC2086 # CSV_OPTIONS holds several options
  output=$(dotnet "$sample" --csv "$data/$file" --label-column anomaly --quiet ${CSV_OPTIONS:-} 2>/dev/null)
  ours=$(value '$1 == "AUROC" { print $2 }')
  mlnet=$(value '$1 == "RandomizedPca" && $4 == "AUROC" { print $5 }')
  peers=$(/usr/bin/python3 peers.py "$data/$file" | tr '\n' ' ')
  line="$set ours $ours mlnet-pca $mlnet ${peers% }"
  note="$rows rows, $features features, $share anomalies"
  [ "$held_out" = yes ] && note+=", held out"
  echo "$line ($note)"
  results+="$held_out $line"$'\n'
done < "$data/suite.tsv"

printf '%s' "$results" | awk '
  { group = ($1 == "yes") ? "held-out" : "tuning"; n[group]++; for (i = 3; i < NF; i += 2) { sum[group, $i] += $(i + 1); names[i] = $i } }
  END {
    for (g in n) {
      line = sprintf("mean-%s (%d sets)", g, n[g])
      for (i = 3; i in names; i += 2) line = line sprintf(" %s %.4f", names[i], sum[g, names[i]] / n[g])
      print line
    }
  }' | sort -r
