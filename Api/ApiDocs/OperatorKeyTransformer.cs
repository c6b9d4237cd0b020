using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Pi.Orleans.Api.Security;

namespace Pi.Orleans.Api.ApiDocs;

/// <summary>Puts the API-key security requirement on exactly the operations that require the operator policy.</summary>
internal sealed class OperatorKeyTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var operatorOnly = context.Description.ActionDescriptor.EndpointMetadata
            .OfType<IAuthorizeData>()
            .Any(a => a.Policy == AuthExtensions.OperatorPolicy);
        if (operatorOnly)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [],
            });
        }

        return Task.CompletedTask;
    }
}
