package io.trawl.api.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The API as an AWS Lambda function behind an HTTP API (API Gateway, payload 2.0) or a function URL: the same
 * controllers as {@code trawl serve}, with the settings read from the function's environment ({@code TRAWL_*}).
 * Environment deduction is off: it probes cloud metadata endpoints and costs about a second of cold start.
 */
public class ApiGatewayHandler
        extends APIGatewayV2HTTPEventFunction
{
    public ApiGatewayHandler()
    {
        super();
    }

    /** For tests: serve from a context built elsewhere (with its own settings). */
    public ApiGatewayHandler(ApplicationContext context)
    {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder()
    {
        return super.newApplicationContextBuilder().deduceEnvironment(false).banner(false);
    }
}
