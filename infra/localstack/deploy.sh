#!/usr/bin/env bash
# Deploys Trawl to LocalStack as template.yaml deploys it to AWS, then runs a smoke query through the CLI:
#   1. the buckets (data, metadata, results, and one for the code), encrypted and private as in the template;
#   2. sample data: the TPC-H lake `./trawl demo` makes, uploaded to the data bucket;
#   3. the functions' IAM role (a stub: LocalStack does not enforce it);
#   4. the three functions from the built zips (infra/target/*.zip, uploaded to the code bucket: they are over the
#      50 MB direct-upload limit), with the template's handlers, runtime, memory, timeouts and environment, their AWS
#      endpoints pointed at LocalStack;
#   5. a function URL for the API (auth NONE, as in the template: the API verifies SigV4 itself);
#   6. through the URL with `./trawl query --endpoint`: a database, lineitem over the uploaded files, and a query.
#
#   infra/localstack/deploy.sh [--endpoint URL] [--function-endpoint URL] [--region REGION] [--prefix NAME]
#                              [--architecture x86_64|arm64] [--sf SCALE] [--dry-run]
#
# --endpoint            where this script reaches LocalStack (default: $TRAWL_AWS_ENDPOINT, else http://localhost:4566)
# --function-endpoint   where the functions, running in LocalStack's Lambda containers, reach it
#                       (default: http://localhost.localstack.cloud:4566, the name LocalStack resolves inside them)
# --prefix              names: <prefix>-data, <prefix>-meta, <prefix>-results, <prefix>-code buckets,
#                       <prefix>-scan-worker, <prefix>-coordinator, <prefix>-api functions (default: trawl)
# --architecture        the functions' architecture (default: this machine's, so LocalStack runs them natively)
# --dry-run             print every command (aws calls included) as it would run, and run none of them
#
# Build the zips first: ./mvnw -B -pl infra -am package -DskipTests
set -euo pipefail

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(dirname "$infra")"

endpoint="${TRAWL_AWS_ENDPOINT:-http://localhost:4566}"
function_endpoint="http://localhost.localstack.cloud:4566"
region="${AWS_REGION:-us-east-1}"
prefix="trawl"
scale_factor="0.01"
dry_run=false
case "$(uname -m)" in
  aarch64|arm64) architecture="arm64" ;;
  *) architecture="x86_64" ;;
esac

while [[ $# -gt 0 ]]; do
  case "$1" in
    --endpoint) endpoint="$2"; shift 2 ;;
    --function-endpoint) function_endpoint="$2"; shift 2 ;;
    --region) region="$2"; shift 2 ;;
    --prefix) prefix="$2"; shift 2 ;;
    --architecture) architecture="$2"; shift 2 ;;
    --sf) scale_factor="$2"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

# LocalStack accepts any credentials; the API in development mode (no TRAWL_ACCESS_KEYS) any well-formed signature
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_PAGER=""

data_bucket="$prefix-data"
meta_bucket="$prefix-meta"
results_bucket="$prefix-results"
code_bucket="$prefix-code"
worker_function="$prefix-scan-worker"
coordinator_function="$prefix-coordinator"
api_function="$prefix-api"
role_name="$prefix-lambda"
account_id="000000000000"
worker_zip="$infra/target/trawl-scan-worker-lambda.zip"
api_zip="$infra/target/trawl-api-lambda.zip"
work="$(mktemp -d "${TMPDIR:-/tmp}/trawl-localstack-XXXXXX")"
trap 'rm -rf "$work"' EXIT

# A command line as it runs: words that need it in single quotes (a quote inside written '\'')
quote() {
  local word
  for word in "$@"; do
    if [[ "$word" =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then
      printf ' %s' "$word"
    else
      printf " '%s'" "${word//\'/\'\\\'\'}"
    fi
  done
}

run() {
  printf '+%s\n' "$(quote "$@")"
  if [[ "$dry_run" == false ]]; then
    "$@"
  fi
}

# Like run, but a failure whose message matches $1 (the thing already exists) is not an error: reruns redeploy
run_unless() {
  local already="$1"
  shift
  printf '+%s\n' "$(quote "$@")"
  if [[ "$dry_run" == true ]]; then
    return 0
  fi
  local output
  if ! output="$("$@" 2>&1)"; then
    if grep -q -E "$already" <<<"$output"; then
      echo "  (already there)"
      return 0
    fi
    echo "$output" >&2
    return 1
  fi
  if [[ -n "$output" ]]; then
    echo "$output"
  fi
}

aws_() {
  run aws --endpoint-url "$endpoint" --region "$region" "$@"
}

aws_unless() {
  local already="$1"
  shift
  run_unless "$already" aws --endpoint-url "$endpoint" --region "$region" "$@"
}

# the JAVA_TOOL_OPTIONS every function gets, from the template (one place says it)
java_tool_options="$(sed -n 's/^ *JAVA_TOOL_OPTIONS: *"\(.*\)"$/\1/p' "$root/template.yaml")"
if [[ -z "$java_tool_options" ]]; then
  echo "cannot read JAVA_TOOL_OPTIONS from $root/template.yaml" >&2
  exit 1
fi
for zip in "$worker_zip" "$api_zip"; do
  if [[ ! -f "$zip" ]]; then
    echo "missing $zip: build the zips first: ./mvnw -B -pl infra -am package -DskipTests" >&2
    exit 1
  fi
done

# The functions' environment as JSON: what template.yaml sets, endpoints pointed at LocalStack
environment_json() {
  local first=true name value
  printf '{"Variables":{'
  while [[ $# -gt 0 ]]; do
    name="$1"
    value="$2"
    shift 2
    [[ "$first" == true ]] || printf ','
    first=false
    printf '"%s":"%s"' "$name" "${value//\"/\\\"}"
  done
  printf '}}'
}
common_environment=(
  JAVA_TOOL_OPTIONS "$java_tool_options"
  TRAWL_S3_REGION "$region"
  TRAWL_AWS_ENDPOINT "$function_endpoint"
  TRAWL_S3_ENDPOINT "$function_endpoint"
  TRAWL_LAMBDA_ENDPOINT "$function_endpoint"
  TRAWL_GLUE_ENDPOINT "$function_endpoint"
  TRAWL_S3_PATH_STYLE true
)
worker_environment="$(environment_json "${common_environment[@]}")"
coordinator_environment="$(environment_json "${common_environment[@]}" \
  TRAWL_HOME /tmp/trawl \
  TRAWL_CATALOG "s3://$meta_bucket/" \
  TRAWL_RESULTS "s3://$results_bucket/results/" \
  TRAWL_SPILL_LOCATION "s3://$results_bucket/spill/" \
  TRAWL_WORKERS "lambda:$worker_function" \
  TRAWL_WORKERS_MAX 64 \
  TRAWL_PRICE_PER_TB 5)"
api_environment="$(environment_json "${common_environment[@]}" \
  TRAWL_HOME /tmp/trawl \
  TRAWL_CATALOG "s3://$meta_bucket/" \
  TRAWL_RESULTS "s3://$results_bucket/results/" \
  TRAWL_COORDINATOR_FUNCTION "$coordinator_function" \
  TRAWL_PRICE_PER_TB 5)"

echo "# LocalStack at $endpoint (functions reach it at $function_endpoint), region $region, $architecture"
aws_ sts get-caller-identity

echo "# 1. buckets"
for bucket in "$data_bucket" "$meta_bucket" "$results_bucket" "$code_bucket"; do
  aws_unless 'BucketAlreadyOwnedByYou|BucketAlreadyExists' s3api create-bucket --bucket "$bucket"
  aws_ s3api put-bucket-encryption --bucket "$bucket" \
    --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'
  aws_ s3api put-public-access-block --bucket "$bucket" \
    --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
done
aws_ s3api put-bucket-versioning --bucket "$meta_bucket" --versioning-configuration Status=Enabled
aws_ s3api put-bucket-lifecycle-configuration --bucket "$results_bucket" --lifecycle-configuration \
  '{"Rules":[{"ID":"expire-query-results","Status":"Enabled","Filter":{"Prefix":"results/"},"Expiration":{"Days":45}},{"ID":"expire-scan-spill","Status":"Enabled","Filter":{"Prefix":"spill/"},"Expiration":{"Days":1}},{"ID":"abort-incomplete-uploads","Status":"Enabled","Filter":{"Prefix":""},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":1}}]}'

echo "# 2. sample data: the TPC-H lake of ./trawl demo"
run "$root/trawl" demo --sf "$scale_factor" --home "$work/demo"
aws_ s3 cp --recursive --exclude '_*' "$work/demo/lake/tpch/lineitem/" "s3://$data_bucket/tpch/lineitem/"

echo "# 3. the functions' role (a stub: LocalStack does not enforce IAM by default)"
aws_unless 'EntityAlreadyExists' iam create-role --role-name "$role_name" \
  --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
role_arn="arn:aws:iam::$account_id:role/$role_name"

echo "# 4. the functions, from the built zips"
aws_ s3 cp "$worker_zip" "s3://$code_bucket/trawl-scan-worker-lambda.zip"
aws_ s3 cp "$api_zip" "s3://$code_bucket/trawl-api-lambda.zip"
create_function() {
  local name="$1" handler="$2" zip_key="$3" memory="$4" timeout="$5" environment="$6"
  shift 6
  aws_unless 'ResourceNotFoundException' lambda delete-function --function-name "$name"
  aws_ lambda create-function --function-name "$name" --runtime java25 --handler "$handler" --role "$role_arn" \
    --code "S3Bucket=$code_bucket,S3Key=$zip_key" --architectures "$architecture" --memory-size "$memory" --timeout "$timeout" \
    --tracing-config Mode=PassThrough --environment "$environment" "$@"
  aws_ lambda wait function-active-v2 --function-name "$name"
}
create_function "$worker_function" io.trawl.scan.runtime.lambda.ScanWorkerHandler::handleRequest trawl-scan-worker-lambda.zip 2048 300 "$worker_environment"
create_function "$coordinator_function" io.trawl.api.lambda.CoordinatorHandler::handleRequest trawl-api-lambda.zip 4096 900 "$coordinator_environment" \
  --ephemeral-storage Size=2048
create_function "$api_function" io.trawl.api.lambda.ApiGatewayHandler::handleRequest trawl-api-lambda.zip 2048 30 "$api_environment"

echo "# 5. the API's function URL"
aws_ lambda create-function-url-config --function-name "$api_function" --auth-type NONE
# a public URL needs both permissions: lambda:InvokeFunctionUrl and lambda:InvokeFunction
aws_unless 'ResourceConflictException' lambda add-permission --function-name "$api_function" --statement-id public-function-url \
  --action lambda:InvokeFunctionUrl --principal '*' --function-url-auth-type NONE
aws_unless 'ResourceConflictException' lambda add-permission --function-name "$api_function" --statement-id public-function-url-invoke \
  --action lambda:InvokeFunction --principal '*'
url_query=(aws --endpoint-url "$endpoint" --region "$region" lambda get-function-url-config --function-name "$api_function" --query FunctionUrl --output text)
printf '+%s\n' "$(quote "${url_query[@]}")"
if [[ "$dry_run" == true ]]; then
  function_url="http://FUNCTION-URL-ID.lambda-url.$region.localhost.localstack.cloud:4566/"
else
  function_url="$("${url_query[@]}")"
fi
echo "API: $function_url"

echo "# 6. smoke query through the CLI"
run "$root/trawl" query --endpoint "$function_url" "CREATE DATABASE IF NOT EXISTS tpch"
lineitem_columns="l_orderkey bigint, l_partkey bigint, l_suppkey bigint, l_linenumber int, l_quantity decimal(15,2), \
l_extendedprice decimal(15,2), l_discount decimal(15,2), l_tax decimal(15,2), l_returnflag string, l_linestatus string, \
l_shipdate date, l_commitdate date, l_receiptdate date, l_shipinstruct string, l_shipmode string, l_comment string"
run "$root/trawl" query --endpoint "$function_url" \
  "CREATE EXTERNAL TABLE IF NOT EXISTS tpch.lineitem ($lineitem_columns) STORED AS PARQUET LOCATION 's3://$data_bucket/tpch/lineitem/'"
run "$root/trawl" query --endpoint "$function_url" --timing \
  "SELECT l_returnflag, l_linestatus, count(*) AS line_items, sum(l_quantity) AS quantity FROM tpch.lineitem GROUP BY 1, 2 ORDER BY 1, 2"
echo "# done: ./trawl query --endpoint $function_url \"SELECT ...\""
