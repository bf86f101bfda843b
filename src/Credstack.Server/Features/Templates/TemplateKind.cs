namespace Credstack.Server.Features.Templates;

/// <summary>The three kinds of credential Credstack issues (the names are the API's wire values).</summary>
internal enum TemplateKind
{
    /// <summary><c>micro-credential</c>: certifies one skill or competency.</summary>
    MicroCredential = 0,

    /// <summary><c>certificate</c>: awarded for a programme spanning several skills.</summary>
    Certificate = 1,

    /// <summary><c>badge</c>: any achievement or milestone.</summary>
    Badge = 2,
}
