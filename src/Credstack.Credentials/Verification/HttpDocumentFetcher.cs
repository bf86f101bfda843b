using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Dids;
using Credstack.LinkedData.Json;

namespace Credstack.Credentials.Verification;

/// <summary>
/// Fetches status lists and hosted documents over https with the same safety rules as DID resolution
/// (<see cref="HttpResolverOptions"/>: a timeout, a size limit, no redirects, no loopback or private addresses).
/// </summary>
public sealed class HttpDocumentFetcher : IDocumentFetcher, IDisposable
{
    private readonly HttpDocumentResolver _http;
    private readonly HttpResolverOptions _options;

    /// <summary>Creates the fetcher.</summary>
    public HttpDocumentFetcher(HttpResolverOptions? options = null)
    {
        _options = options ?? new HttpResolverOptions { MaxResponseBytes = 4 * 1024 * 1024 };
        _http = new HttpDocumentResolver(_options);
    }

    /// <inheritdoc />
    public async ValueTask<FetchResult> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (
            !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(
                uri.Scheme == Uri.UriSchemeHttps
                || (uri.Scheme == Uri.UriSchemeHttp && _options.AllowInsecureHttp)
            )
        )
        {
            return FetchResult.Fail($"'{url}' is not an https URL", unavailable: false);
        }
        if (_http.LiteralRefusal(uri.IdnHost) is { } refusal)
        {
            return FetchResult.Fail($"{uri.Host} is {refusal}", unavailable: false);
        }
        var (body, error) = await _http.FetchAsync(uri, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            var unavailable =
                error.Code
                is ResolutionErrorCode.Timeout
                    or ResolutionErrorCode.NetworkError
                    or ResolutionErrorCode.HttpError;
            return FetchResult.Fail(error.Message, unavailable);
        }
        try
        {
            // Leading whitespace or a UTF-8 BOM must not make a JSON body look like a JWT.
            var span = body.Span.TrimStart(" \t\r\n"u8);
            if (span.StartsWith("\uFEFF"u8))
            {
                span = span[3..].TrimStart(" \t\r\n"u8);
            }
            if (span.Length > 0 && span[0] != (byte)'{' && span[0] != (byte)'[')
            {
                // A VC-JWT status list: keep the compact token as a string.
                return FetchResult.Ok(
                    JsonValue.Create(System.Text.Encoding.UTF8.GetString(span).Trim())
                );
            }
            var node = JsonText.Parse(span, new JsonDocumentOptions { MaxDepth = 64 });
            return node is null ? FetchResult.Fail($"{url} is empty", false) : FetchResult.Ok(node);
        }
        catch (JsonException e)
        {
            return FetchResult.Fail($"{url} is not JSON: {e.Message}", unavailable: false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
