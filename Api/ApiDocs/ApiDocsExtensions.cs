namespace Pi.Orleans.Api.ApiDocs;

/// <summary>The OpenAPI document at /openapi/v1.json: routes' own metadata plus the document-wide parts a client generator needs.</summary>
public static class ApiDocsExtensions
{
    /// <summary>Registers the v1 document with its info, API-key scheme and operator security requirements.</summary>
    public static IServiceCollection AddPiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<DocumentInfoTransformer>();
            o.AddOperationTransformer<OperatorKeyTransformer>();
        });
}
