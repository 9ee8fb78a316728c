package io.trawl.api.rest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the REST API's OpenAPI document, unauthenticated, as API gateways and client generators expect. */
@Controller
public final class OpenApiController
{
    private final byte[] document;

    public OpenApiController()
    {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            this.document = in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = "/openapi.yaml", produces = "application/yaml")
    public HttpResponse<byte[]> openApi()
    {
        return HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
    }
}
