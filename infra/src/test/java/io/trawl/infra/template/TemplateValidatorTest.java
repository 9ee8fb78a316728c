package io.trawl.infra.template;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks bite: small in-memory templates with one mistake each are refused with a problem naming the place, and
 * the same template without the mistake passes (so each negative case fails for its mistake, not for something else).
 */
class TemplateValidatorTest
{
    private static final TemplateValidator VALIDATOR = new TemplateValidator(CloudFormationSpec.load());

    private static final String VALID = """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Memory:
                Type: Number
                Default: 1024
                MinValue: 512
              Mode:
                Type: String
                Default: fast
                AllowedValues: [fast, slow]
            Conditions:
              IsFast:
                Fn::Equals: [Ref: Mode, fast]
            Globals:
              Function:
                Runtime: java25
                Architectures: [arm64]
            Resources:
              Lake:
                Type: AWS::S3::Bucket
                Properties:
                  BucketEncryption:
                    ServerSideEncryptionConfiguration:
                      - ServerSideEncryptionByDefault:
                          SSEAlgorithm: AES256
                  VersioningConfiguration:
                    Status: Enabled
                  LifecycleConfiguration:
                    Rules:
                      - Id: expire
                        Status: Enabled
                        ExpirationInDays: 1
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: worker.zip
                  Handler: example.Worker::handleRequest
                  MemorySize:
                    Ref: Memory
                  AutoPublishAlias: live
                  SnapStart:
                    ApplyOn: PublishedVersions
                  FunctionUrlConfig:
                    AuthType: NONE
                  Environment:
                    Variables:
                      LAKE:
                        Fn::Sub: s3://${Lake}/
                      WORKER:
                        Fn::Sub: ${Worker.Alias}
                      TIMEOUT:
                        Fn::If: [IsFast, "1", Ref: AWS::NoValue]
                  Policies:
                    - S3CrudPolicy:
                        BucketName:
                          Ref: Lake
                    - LambdaInvokePolicy:
                        FunctionName:
                          Ref: Worker
            Outputs:
              Url:
                Value:
                  Fn::GetAtt: [WorkerUrl, FunctionUrl]
              LakeArn:
                Value:
                  Fn::GetAtt: [Lake, Arn]
            """;

    @Test
    void validTemplateHasNoProblems()
    {
        assertThat(problems(VALID)).isEmpty();
    }

    @Test
    void misspelledResourcePropertyIsReported()
    {
        assertThat(problems(VALID.replace("BucketEncryption:", "BucketEncryptoin:")))
                .containsExactly("Resources.Lake.Properties.BucketEncryptoin: not a property of AWS::S3::Bucket");
        assertThat(problems(VALID.replace("CodeUri: worker.zip", "CodeUri: worker.zip\n      MemorySise: 128")))
                .containsExactly("Resources.Worker.Properties.MemorySise: not a property of AWS::Serverless::Function");
    }

    @Test
    void misspelledNestedPropertyIsReported()
    {
        assertThat(problems(VALID.replace("SSEAlgorithm: AES256", "SSEAlgoritm: AES256")))
                .contains("Resources.Lake.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgoritm: "
                        + "not a property of ServerSideEncryptionByDefault (one of [KMSMasterKeyID, SSEAlgorithm])")
                .contains("Resources.Lake.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault: "
                        + "missing required property SSEAlgorithm of ServerSideEncryptionByDefault");
        assertThat(problems(VALID.replace("ExpirationInDays: 1", "ExpirationInDays: 1\n            ExpireInDays: 1")))
                .containsExactly("Resources.Lake.Properties.LifecycleConfiguration.Rules[0].ExpireInDays: not a property of Rule (one of " +
                        "[AbortIncompleteMultipartUpload, ExpirationDate, ExpirationInDays, ExpiredObjectDeleteMarker, Id, NoncurrentVersionExpiration, " +
                        "NoncurrentVersionExpirationInDays, NoncurrentVersionTransition, NoncurrentVersionTransitions, ObjectSizeGreaterThan, ObjectSizeLessThan, " +
                        "Prefix, Status, TagFilters, Transition, Transitions])");
        assertThat(problems(VALID.replace("AuthType: NONE", "AuthType: NONE\n        Invoke: BUFFERED")))
                .containsExactly("Resources.Worker.Properties.FunctionUrlConfig.Invoke: not a property of FunctionUrlConfig (one of [AuthType, Cors, InvokeMode])");
    }

    @Test
    void missingRequiredPropertiesAreReported()
    {
        assertThat(problems(VALID.replace("Status: Enabled\n      LifecycleConfiguration", "MFADelete: Enabled\n      LifecycleConfiguration")))
                .containsExactly(
                        "Resources.Lake.Properties.VersioningConfiguration.MFADelete: not a property of VersioningConfiguration (one of [Status])",
                        "Resources.Lake.Properties.VersioningConfiguration: missing required property Status of VersioningConfiguration");
        assertThat(problems(VALID.replace("ApplyOn: PublishedVersions", "{}").replace("SnapStart:\n        {}", "SnapStart: {}")))
                .containsExactly("Resources.Worker.Properties.SnapStart: missing required property ApplyOn of SnapStart");
        assertThat(problems(VALID.replace("AuthType: NONE", "InvokeMode: BUFFERED")))
                .containsExactly("Resources.Worker.Properties.FunctionUrlConfig: missing required property AuthType of FunctionUrlConfig");
        assertThat(problems(VALID.replace("      Handler: example.Worker::handleRequest\n", "")))
                .containsExactly("Resources.Worker.Properties: missing required property Handler of a AWS::Serverless::Function with a Zip package");
        assertThat(problems(VALID.replace("      CodeUri: worker.zip\n", "")))
                .containsExactly("Resources.Worker.Properties: a AWS::Serverless::Function with a Zip package needs one of [CodeUri, InlineCode]");
        assertThat(problems(VALID.replace("            ExpirationInDays: 1\n", "")))
                .containsExactly("Resources.Lake.Properties.LifecycleConfiguration.Rules[0]: a Rule needs at least one of [AbortIncompleteMultipartUpload, ExpirationDate, "
                        + "ExpirationInDays, NoncurrentVersionExpiration, NoncurrentVersionExpirationInDays, NoncurrentVersionTransition, NoncurrentVersionTransitions, "
                        + "Transition, Transitions]");
    }

    @Test
    void runtimeCanComeFromGlobalsButNotFromNowhere()
    {
        assertThat(problems(VALID.replace("    Runtime: java25\n", "")))
                .containsExactly("Resources.Worker.Properties: missing required property Runtime of a AWS::Serverless::Function with a Zip package");
    }

    @Test
    void unknownResourceTypeIsReported()
    {
        assertThat(problems(VALID.replace("Type: AWS::S3::Bucket", "Type: AWS::S3::Buckett")))
                .contains("Resources.Lake.Type: unknown resource type 'AWS::S3::Buckett' (the specification data has [AWS::S3::Bucket, AWS::Serverless::Function])");
        assertThat(problems(VALID.replace("Type: AWS::S3::Bucket", "Type: AWS::Lambda::Url")))
                .as("SAM generates function URLs; the data does not let a template declare one it has no full property list for")
                .contains("Resources.Lake.Type: unknown resource type 'AWS::Lambda::Url' (the specification data has [AWS::S3::Bucket, AWS::Serverless::Function])");
    }

    @Test
    void enumValuesAndBoundsAreChecked()
    {
        assertThat(problems(VALID.replace("Runtime: java25", "Runtime: java26")))
                .containsExactly(oneOf("Resources.Worker.Properties.Runtime: 'java26' is not one of "));
        assertThat(problems(VALID.replace("Architectures: [arm64]", "Architectures: [aarch64]")))
                .containsExactly("Resources.Worker.Properties.Architectures[0]: 'aarch64' is not one of [\"x86_64\",\"arm64\"]");
        assertThat(problems(VALID.replace("Handler: example.Worker::handleRequest", "Handler: example.Worker::handleRequest\n      Architectures: [x86_64]")))
                .as("SAM appends a function's list to the Globals list: two architectures")
                .containsExactly("Resources.Worker.Properties.Architectures: more than 1 items");
        assertThat(problems(VALID.replace("SSEAlgorithm: AES256", "SSEAlgorithm: AES-256")))
                .containsExactly("Resources.Lake.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm: "
                        + "'AES-256' is not one of [\"aws:kms\",\"AES256\"]");
        assertThat(problems(VALID.replace("Handler: example.Worker::handleRequest", "Handler: example.Worker::handleRequest\n      Timeout: 901")))
                .containsExactly("Resources.Worker.Properties.Timeout: 901 is above the maximum 900");
        assertThat(problems(VALID.replace("fast, slow]", "Fast, slow]")))
                .containsExactly("Parameters.Mode.Default: 'fast' is not one of its AllowedValues [\"Fast\",\"slow\"]");
    }

    @Test
    void branchesOfFnIfAreCheckedAsTheValue()
    {
        assertThat(problems(VALID.replace("ApplyOn: PublishedVersions", "ApplyOn:\n          Fn::If: [IsFast, PublishedVersions, Always]")))
                .containsExactly("Resources.Worker.Properties.SnapStart.ApplyOn[Fn::If 2]: 'Always' is not one of [\"PublishedVersions\",\"None\"]");
    }

    @Test
    void policyTemplatesAndTheirParametersAreChecked()
    {
        assertThat(problems(VALID.replace("- S3CrudPolicy:", "- S3CrudPolicyy:")))
                .containsExactly("Resources.Worker.Properties.Policies[0]: unknown policy template 'S3CrudPolicyy' (the specification data has "
                        + "[LambdaInvokePolicy, S3CrudPolicy, S3ReadPolicy])");
        assertThat(problems(VALID.replace("BucketName:\n", "Bucket:\n")))
                .containsExactly("Resources.Worker.Properties.Policies[0].S3CrudPolicy: parameters [Bucket], but the template takes [BucketName]");
    }

    @Test
    void referencesMustNameSomethingThatExists()
    {
        assertThat(problems(VALID.replace("Ref: Memory", "Ref: WorkerMemory")))
                .containsExactly("Resources.Worker.Properties.MemorySize.Ref: 'WorkerMemory' is not a parameter, pseudo parameter or resource");
        assertThat(problems(VALID.replace("s3://${Lake}/", "s3://${Data}/")))
                .containsExactly("Resources.Worker.Properties.Environment.Variables.LAKE.Fn::Sub: 'Data' is not a parameter, pseudo parameter or resource");
        assertThat(problems(VALID.replace("[Lake, Arn]", "[Lake, BucketArn]")))
                .containsExactly("Outputs.LakeArn.Value.Fn::GetAtt: Lake (a AWS::S3::Bucket) has no attribute 'BucketArn' (it has "
                        + "[Arn, DomainName, DualStackDomainName, RegionalDomainName, WebsiteURL])");
        assertThat(problems(VALID.replace("Fn::If: [IsFast,", "Fn::If: [IsQuick,")))
                .containsExactly("Resources.Worker.Properties.Environment.Variables.TIMEOUT.Fn::If: no condition named 'IsQuick'");
        assertThat(problems(VALID.replace("s3://${Lake}/", "s3://${!Literal}/${AWS::Region}")))
                .as("${!...} is a literal, ${AWS::Region} a pseudo parameter")
                .isEmpty();
    }

    @Test
    void functionUrlAndAliasExistOnlyWhenTheFunctionAsksForThem()
    {
        assertThat(problems(VALID.replace("      FunctionUrlConfig:\n        AuthType: NONE\n", "")))
                .containsExactly("Outputs.Url.Value.Fn::GetAtt: no resource named 'WorkerUrl' (declared or generated by SAM)");
        assertThat(problems(VALID.replace("      AutoPublishAlias: live\n      SnapStart:\n        ApplyOn: PublishedVersions\n", "")))
                .containsExactly("Resources.Worker.Properties.Environment.Variables.WORKER.Fn::Sub: Worker (a AWS::Serverless::Function) has no attribute 'Alias' "
                        + "(it has [Arn, SnapStartResponse.ApplyOn, SnapStartResponse.OptimizationStatus])");
    }

    @Test
    void templateLevelMistakesAreReported()
    {
        assertThat(problems(VALID.replace("Transform: AWS::Serverless-2016-10-31\n", "")))
                .containsExactly("Transform: AWS::Serverless resources need Transform AWS::Serverless-2016-10-31");
        assertThat(problems(VALID.replace("Outputs:", "Output:")))
                .containsExactly("Output: not a template section (one of [AWSTemplateFormatVersion, Conditions, Constants, Description, Globals, Mappings, "
                        + "Metadata, Outputs, Parameters, Resources, Rules, Transform])");
        assertThat(problems(VALID.replace("    MinValue: 512", "    MinValue: 512\n    AllowedPattern: \"[0-9]+\"")))
                .containsExactly("Parameters.Memory.AllowedPattern: not allowed for a Number parameter (allowed: "
                        + "[AllowedValues, ConstraintDescription, Default, Description, MaxValue, MinValue, NoEcho, Type])");
        assertThat(problems(VALID.replace("    Architectures: [arm64]", "    Architectures: [arm64]\n    FunctionUrlConfig:\n      AuthType: NONE")))
                .containsExactly("Globals.Function.FunctionUrlConfig: not a property Globals may set");
        assertThat(problems(VALID.replace("  LakeArn:\n    Value:", "  LakeArn:\n    Export:\n      Name: lake\n    Valeu:")))
                .containsExactly("Outputs.LakeArn.Valeu: not an output key (one of [Condition, Description, Export, Value])", "Outputs.LakeArn: missing Value");
    }

    @Test
    void shortFormIntrinsicsAreRefusedRatherThanMisread()
    {
        assertThatThrownBy(() -> Templates.parse(VALID.replace("Ref: Memory", "!Ref Memory").replace("MemorySize:\n        !Ref", "MemorySize: !Ref")))
                .hasMessageContaining("YAML tag !Ref")
                .hasMessageContaining("write the long form");
    }

    private static List<String> problems(String yaml)
    {
        return VALIDATOR.problems(Templates.parse(yaml));
    }

    private static String oneOf(String prefix)
    {
        return prefix + CloudFormationSpec.load().resourceType("AWS::Serverless::Function").orElseThrow().properties().get("Runtime").get("enum");
    }
}
