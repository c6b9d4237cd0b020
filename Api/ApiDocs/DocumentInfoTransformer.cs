using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Pi.Orleans.Api.Security;

namespace Pi.Orleans.Api.ApiDocs;

/// <summary>Describes the API, declares the X-Api-Key scheme and tags, and drops the trailing slash ASP.NET Core puts on the server URL.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Calculations"] = "Submit, estimate, follow, list and cancel Monte Carlo calculations of π.",
        ["Cluster"] = "The Orleans cluster: active silos, their chunk slots and the backlog signal for autoscaling.",
        ["Kubernetes"] = "Kubernetes' view of the silo pods next to Orleans' view of the silos (operator key required).",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Pi.Orleans API";
        document.Info.Description =
            "Estimates π by Monte Carlo sampling on an Orleans cluster. Reading is open; submitting, cancelling and the Kubernetes routes "
            + $"need an operator API key in the {ApiKeyAuthenticationHandler.HeaderName} header when keys are configured. Errors are RFC 9457 problem details.";
        document.Info.Contact = new OpenApiContact { Name = "Pi.Orleans maintainers" };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "One of the configured operator keys (Auth:ApiKeys).",
        };

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in TagDescriptions)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }

        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        return Task.CompletedTask;
    }
}
