#!/usr/bin/env bash
# Batch loader throughput (not a test). Usage: bench/loader/run.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-Haswell}"
./mvnw -B -q -o install -DskipTests -pl aubert-core,aubert-nn,aubert-data
CP=$(./mvnw -B -q -pl aubert-data dependency:build-classpath -Dmdep.outputFile=/dev/stdout):aubert-data/target/classes
OUT=$(mktemp -d)
javac -d "$OUT" -cp "$CP" bench/loader/LoaderBench.java
java -cp "$OUT:$CP" LoaderBench testdata/oracles/models/bert_tiny
