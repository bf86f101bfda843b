namespace Credstack.LinkedData.JsonLd.Context;

/// <summary>
/// The options that influence context processing, fixed for the lifetime of every active context derived
/// from one initial context. Cached active contexts are keyed by context identity, so two option sets
/// never share a cached result.
/// </summary>
internal sealed record ProcessorSettings(
    IDocumentLoader Loader,
    bool JsonLd10,
    bool SafeMode,
    int MaxDepth,
    int MaxRemoteContexts
);
