using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Credstack.Credentials.Model;

namespace Credstack.Credentials.Validation;

/// <summary>
/// Validates a credential's structure: the VC Data Model rules (VC 2.0 §4: contexts, types, issuer, subject,
/// identifiers, dates; VC 1.1 accepted with a warning), the OB 3.0 / CLR 2.0 context and type rules, and the
/// official JSON Schema for the credential's kind. Proofs and status are checked elsewhere.
/// </summary>
public static class CredentialValidator
{
    /// <summary>Validates a credential given as JSON.</summary>
    /// <param name="credential">The credential JSON.</param>
    /// <param name="options">Options; <see cref="ValidationOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The report.</returns>
    public static CredentialValidationReport Validate(
        JsonElement credential,
        ValidationOptions? options = null
    )
    {
        options ??= ValidationOptions.Default;
        var problems = ImmutableArray.CreateBuilder<ValidationProblem>();
        if (credential.ValueKind != JsonValueKind.Object)
        {
            problems.Add(
                Error(
                    ValidationCodes.NotAnObject,
                    ValidationCodes.NotAnObjectMessage,
                    JsonPathText.Root
                )
            );
            return new CredentialValidationReport
            {
                Kind = CredentialKind.Unknown,
                Version = VcVersion.Unknown,
                Problems = problems.ToImmutable(),
            };
        }
        var version = CheckContexts(credential, problems, out var contextUrls);
        var kind = CheckType(credential, contextUrls, problems);
        CheckContextsForKind(kind, version, contextUrls, problems);
        CheckIssuer(credential, problems);
        CheckCredentialSubject(credential, problems);
        var (validFrom, validUntil) = CheckDates(credential, version, options.Now, problems);
        CheckIdsAndTypeTerms(credential, problems);
        if (options.CheckSchema)
        {
            problems.AddRange(CredentialSchemaValidator.Validate(credential, kind, version));
        }
        return new CredentialValidationReport
        {
            Kind = kind,
            Version = version,
            Problems = problems.ToImmutable(),
            ValidFrom = validFrom,
            ValidUntil = validUntil,
        };
    }

    /// <summary>Validates a credential from the model (it is written to JSON first).</summary>
    /// <param name="credential">The credential.</param>
    /// <param name="options">Options; <see cref="ValidationOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The report.</returns>
    public static CredentialValidationReport Validate(
        Credential credential,
        ValidationOptions? options = null
    ) => Validate(CredentialJson.ToJsonElement(credential), options);

    /// <summary>The kind named by the credential's <c>type</c> (ClrCredential, EndorsementCredential,
    /// OpenBadgeCredential/AchievementCredential), or <see cref="CredentialKind.Unknown"/>.</summary>
    /// <param name="credential">The credential JSON.</param>
    /// <returns>The kind.</returns>
    public static CredentialKind DetectKind(JsonElement credential)
    {
        if (
            credential.ValueKind != JsonValueKind.Object
            || !credential.TryGetProperty("type", out var type)
        )
        {
            return CredentialKind.Unknown;
        }
        var kind = CredentialKind.Unknown;
        foreach (var t in Strings(type))
        {
            var k = t switch
            {
                "ClrCredential" => CredentialKind.Clr,
                "EndorsementCredential" => CredentialKind.Endorsement,
                "OpenBadgeCredential" or "AchievementCredential" => CredentialKind.OpenBadge,
                _ => CredentialKind.Unknown,
            };
            // A CLR that also says OpenBadgeCredential is still a CLR: the most specific kind wins.
            if (
                k != CredentialKind.Unknown
                && (kind == CredentialKind.Unknown || k == CredentialKind.Clr)
            )
            {
                kind = k;
            }
        }
        return kind;
    }

    // VC 2.0 §4.3 Contexts.
    private static VcVersion CheckContexts(
        JsonElement credential,
        ImmutableArray<ValidationProblem>.Builder problems,
        out List<string> urls
    )
    {
        urls = [];
        var contextPath = JsonPathText.Property(JsonPathText.Root, "@context");
        if (!credential.TryGetProperty("@context", out var context))
        {
            problems.Add(
                Error(
                    ValidationCodes.ContextMissing,
                    ValidationCodes.ContextMissingMessage,
                    contextPath
                )
            );
            return VcVersion.Unknown;
        }
        var entries = new List<(JsonElement Value, string Path)>();
        if (context.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in context.EnumerateArray())
            {
                entries.Add((item, JsonPathText.Index(contextPath, i++)));
            }
        }
        else
        {
            entries.Add((context, contextPath));
        }
        if (entries.Count == 0)
        {
            problems.Add(
                Error(
                    ValidationCodes.ContextMissing,
                    ValidationCodes.ContextMissingMessage,
                    contextPath
                )
            );
            return VcVersion.Unknown;
        }
        foreach (var (value, path) in entries)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    var url = value.GetString()!;
                    urls.Add(url);
                    if (!KnownContexts.Allowed.Contains(url))
                    {
                        problems.Add(
                            Warning(
                                ValidationCodes.ContextUnknown,
                                Format(ValidationCodes.ContextUnknownMessage, url),
                                path
                            )
                        );
                    }
                    break;
                case JsonValueKind.Object:
                    problems.Add(
                        Warning(
                            ValidationCodes.ContextEmbedded,
                            ValidationCodes.ContextEmbeddedMessage,
                            path
                        )
                    );
                    break;
                default:
                    problems.Add(
                        Error(
                            ValidationCodes.ContextInvalidEntry,
                            ValidationCodes.ContextInvalidEntryMessage,
                            path
                        )
                    );
                    break;
            }
        }
        var first =
            entries[0].Value.ValueKind == JsonValueKind.String
                ? entries[0].Value.GetString()
                : null;
        if (first == KnownContexts.Vc2)
        {
            return VcVersion.Vc20;
        }
        if (first == KnownContexts.Vc1)
        {
            problems.Add(
                Warning(
                    ValidationCodes.ContextVc11,
                    ValidationCodes.ContextVc11Message,
                    entries[0].Path
                )
            );
            return VcVersion.Vc11;
        }
        problems.Add(
            Error(
                ValidationCodes.ContextFirstNotBase,
                Format(
                    ValidationCodes.ContextFirstNotBaseMessage,
                    first ?? entries[0].Value.GetRawText()
                ),
                entries[0].Path
            )
        );
        return urls.Contains(KnownContexts.Vc1) ? VcVersion.Vc11 : VcVersion.Unknown;
    }

    // VC 2.0 §4.5 Types; OB 3.0 §B.1.1 (type includes OpenBadgeCredential or AchievementCredential).
    private static CredentialKind CheckType(
        JsonElement credential,
        List<string> contextUrls,
        ImmutableArray<ValidationProblem>.Builder problems
    )
    {
        var typePath = JsonPathText.Property(JsonPathText.Root, "type");
        if (!credential.TryGetProperty("type", out var type))
        {
            problems.Add(
                Error(ValidationCodes.TypeMissing, ValidationCodes.TypeMissingMessage, typePath)
            );
        }
        else if (!IsStringOrStringArray(type))
        {
            problems.Add(
                Error(ValidationCodes.TypeInvalid, ValidationCodes.TypeInvalidMessage, typePath)
            );
        }
        else if (!Strings(type).Contains("VerifiableCredential"))
        {
            problems.Add(
                Error(
                    ValidationCodes.TypeMissingVerifiableCredential,
                    ValidationCodes.TypeMissingVerifiableCredentialMessage,
                    typePath
                )
            );
        }
        var kind = DetectKind(credential);
        if (
            kind == CredentialKind.Unknown
            && contextUrls.Exists(KnownContexts.OpenBadgesAccepted.Contains)
            && !contextUrls.Exists(KnownContexts.ClrAccepted.Contains)
        )
        {
            // It claims to be an Open Badge by its context: validate it as one rather than not at all.
            problems.Add(
                Error(
                    ValidationCodes.TypeMissingOpenBadgeCredential,
                    ValidationCodes.TypeMissingOpenBadgeCredentialMessage,
                    typePath
                )
            );
            kind = CredentialKind.OpenBadge;
        }
        return kind;
    }

    private static void CheckContextsForKind(
        CredentialKind kind,
        VcVersion version,
        List<string> urls,
        ImmutableArray<ValidationProblem>.Builder problems
    )
    {
        var contextPath = JsonPathText.Property(JsonPathText.Root, "@context");
        if (kind is CredentialKind.OpenBadge or CredentialKind.Endorsement or CredentialKind.Clr)
        {
            CheckProfileContext(
                urls,
                KnownContexts.OpenBadgesAccepted,
                KnownContexts.OpenBadges,
                version,
                ValidationCodes.OpenBadgesContextMissing,
                ValidationCodes.OpenBadgesContextMissingMessage,
                ValidationCodes.OpenBadgesContextOutdated,
                ValidationCodes.OpenBadgesContextOutdatedMessage,
                contextPath,
                problems
            );
        }
        if (kind == CredentialKind.Clr)
        {
            CheckProfileContext(
                urls,
                KnownContexts.ClrAccepted,
                KnownContexts.Clr,
                version,
                ValidationCodes.ClrContextMissing,
                ValidationCodes.ClrContextMissingMessage,
                ValidationCodes.ClrContextOutdated,
                ValidationCodes.ClrContextOutdatedMessage,
                contextPath,
                problems
            );
        }
    }

    private static void CheckProfileContext(
        List<string> urls,
        System.Collections.Frozen.FrozenSet<string> accepted,
        string current,
        VcVersion version,
        string missingCode,
        string missingMessage,
        string outdatedCode,
        string outdatedMessage,
        string contextPath,
        ImmutableArray<ValidationProblem>.Builder problems
    )
    {
        var index = urls.FindIndex(accepted.Contains);
        if (index < 0)
        {
            problems.Add(Error(missingCode, Format(missingMessage, current), contextPath));
        }
        else if (urls[index] != current && version != VcVersion.Vc11)
        {
            // The unversioned URL is the expected one for VC 1.1-era credentials; only VC 2.0 ones should move on.
            problems.Add(
                Warning(
                    outdatedCode,
                    Format(outdatedMessage, urls[index], current),
                    JsonPathText.Index(contextPath, index)
                )
            );
        }
    }

    // VC 2.0 §4.7 Issuer.
    private static void CheckIssuer(
        JsonElement credential,
        ImmutableArray<ValidationProblem>.Builder problems
    )
    {
        var issuerPath = JsonPathText.Property(JsonPathText.Root, "issuer");
        if (!credential.TryGetProperty("issuer", out var issuer))
        {
            problems.Add(
                Error(
                    ValidationCodes.IssuerMissing,
                    ValidationCodes.IssuerMissingMessage,
                    issuerPath
                )
            );
            return;
        }
        switch (issuer.ValueKind)
        {
            case JsonValueKind.String:
                if (!IsUrl(issuer.GetString()!))
                {
                    problems.Add(
                        Error(
                            ValidationCodes.IdNotUrl,
                            Format(ValidationCodes.IdNotUrlMessage, issuer.GetString()),
                            issuerPath
                        )
                    );
                }
                break;
            case JsonValueKind.Object:
                if (!issuer.TryGetProperty("id", out _))
                {
                    problems.Add(
                        Error(
                            ValidationCodes.IssuerIdMissing,
                            ValidationCodes.IssuerIdMissingMessage,
                            JsonPathText.Property(issuerPath, "id")
                        )
                    );
                }
                break;
            default:
                problems.Add(
                    Error(
                        ValidationCodes.IssuerInvalid,
                        ValidationCodes.IssuerInvalidMessage,
                        issuerPath
                    )
                );
                break;
        }
    }

    // VC 2.0 §4.8 Credential Subject.
    private static void CheckCredentialSubject(
        JsonElement credential,
        ImmutableArray<ValidationProblem>.Builder problems
    )
    {
        var path = JsonPathText.Property(JsonPathText.Root, "credentialSubject");
        if (!credential.TryGetProperty("credentialSubject", out var subject))
        {
            problems.Add(
                Error(
                    ValidationCodes.CredentialSubjectMissing,
                    ValidationCodes.CredentialSubjectMissingMessage,
                    path
                )
            );
            return;
        }
        var ok = subject.ValueKind == JsonValueKind.Object;
        if (subject.ValueKind == JsonValueKind.Array)
        {
            ok = subject.GetArrayLength() > 0;
            foreach (var item in subject.EnumerateArray())
            {
                ok &= item.ValueKind == JsonValueKind.Object;
            }
        }
        if (!ok)
        {
            problems.Add(
                Error(
                    ValidationCodes.CredentialSubjectInvalid,
                    ValidationCodes.CredentialSubjectInvalidMessage,
                    path
                )
            );
        }
    }

    // VC 2.0 §4.9 Validity Period (validFrom/validUntil are dateTimeStamp); VC 1.1 §4.6/§4.7 issuanceDate/expirationDate.
    private static (DateTimeOffset? From, DateTimeOffset? Until) CheckDates(
        JsonElement credential,
        VcVersion version,
        DateTimeOffset? now,
        ImmutableArray<ValidationProblem>.Builder problems
    )
    {
        var from = ReadDate(credential, "validFrom", problems);
        var until = ReadDate(credential, "validUntil", problems);
        var fromName = "validFrom";
        var untilName = "validUntil";
        if (version == VcVersion.Vc11)
        {
            if (!credential.TryGetProperty("issuanceDate", out _))
            {
                problems.Add(
                    Error(
                        ValidationCodes.IssuanceDateMissing,
                        ValidationCodes.IssuanceDateMissingMessage,
                        JsonPathText.Property(JsonPathText.Root, "issuanceDate")
                    )
                );
            }
            var issued = ReadDate(credential, "issuanceDate", problems);
            var expires = ReadDate(credential, "expirationDate", problems);
            if (from is null && issued is not null)
            {
                from = issued;
                fromName = "issuanceDate";
            }
            if (until is null && expires is not null)
            {
                until = expires;
                untilName = "expirationDate";
            }
        }
        else
        {
            foreach (var name in (ReadOnlySpan<string>)["issuanceDate", "expirationDate"])
            {
                if (credential.TryGetProperty(name, out _))
                {
                    problems.Add(
                        Warning(
                            ValidationCodes.Vc11DatePropertyInVc20,
                            Format(ValidationCodes.Vc11DatePropertyInVc20Message, name),
                            JsonPathText.Property(JsonPathText.Root, name)
                        )
                    );
                }
            }
        }
        if (from is { } f && until is { } u && u < f)
        {
            problems.Add(
                Error(
                    ValidationCodes.ValidUntilBeforeValidFrom,
                    Format(ValidationCodes.ValidUntilBeforeValidFromMessage, Text(f), Text(u)),
                    JsonPathText.Property(JsonPathText.Root, untilName)
                )
            );
        }
        if (now is { } n)
        {
            if (from is { } start && n < start)
            {
                problems.Add(
                    Error(
                        ValidationCodes.NotYetValid,
                        Format(ValidationCodes.NotYetValidMessage, Text(start)),
                        JsonPathText.Property(JsonPathText.Root, fromName)
                    )
                );
            }
            if (until is { } end && n > end)
            {
                problems.Add(
                    Error(
                        ValidationCodes.Expired,
                        Format(ValidationCodes.ExpiredMessage, Text(end)),
                        JsonPathText.Property(JsonPathText.Root, untilName)
                    )
                );
            }
        }
        return (from, until);
    }

    private static DateTimeOffset? ReadDate(
        JsonElement credential,
        string name,
        ImmutableArray<ValidationProblem>.Builder problems
    )
    {
        if (!credential.TryGetProperty(name, out var value))
        {
            return null;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (XsdDateTime.TryParseDateTimeStamp(text, out var parsed))
        {
            return parsed;
        }
        problems.Add(
            Error(
                ValidationCodes.DateInvalid,
                Format(ValidationCodes.DateInvalidMessage, text ?? value.GetRawText()),
                JsonPathText.Property(JsonPathText.Root, name)
            )
        );
        return null;
    }

    /// <summary>Walks the whole document (outside <c>@context</c>): every <c>id</c> must be an absolute URL (VC 2.0
    /// §4.4) and every <c>type</c> term must be defined by a context the document uses.</summary>
    private static void CheckIdsAndTypeTerms(
        JsonElement credential,
        ImmutableArray<ValidationProblem>.Builder problems
    )
    {
        var terms = DefinedTypeTerms(credential);
        Walk(credential, JsonPathText.Root, terms, problems, 0);
    }

    private const int MaxWalkDepth = 64;

    private static void Walk(
        JsonElement node,
        string path,
        TypeTermSets? terms,
        ImmutableArray<ValidationProblem>.Builder problems,
        int depth
    )
    {
        if (depth > MaxWalkDepth)
        {
            return;
        }
        if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                Walk(item, JsonPathText.Index(path, i++), terms, problems, depth + 1);
            }
            return;
        }
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var property in node.EnumerateObject())
        {
            var name = property.Name;
            if (name == "@context")
            {
                continue;
            }
            if (name is "id" or "@id")
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    problems.Add(
                        Error(
                            ValidationCodes.IdInvalid,
                            ValidationCodes.IdInvalidMessage,
                            JsonPathText.Property(path, name)
                        )
                    );
                }
                else if (!IsUrl(property.Value.GetString()!))
                {
                    problems.Add(
                        Error(
                            ValidationCodes.IdNotUrl,
                            Format(ValidationCodes.IdNotUrlMessage, property.Value.GetString()),
                            JsonPathText.Property(path, name)
                        )
                    );
                }
                continue;
            }
            if (name is "type" or "@type" && terms is not null)
            {
                CheckTypeTerms(property.Value, path, name, terms, problems);
            }
            // The path text is built only where it may be needed: for a problem, or to descend.
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                Walk(property.Value, JsonPathText.Property(path, name), terms, problems, depth + 1);
            }
        }
    }

    private static void CheckTypeTerms(
        JsonElement value,
        string parentPath,
        string name,
        TypeTermSets terms,
        ImmutableArray<ValidationProblem>.Builder problems
    )
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            CheckTypeTerm(value.GetString()!, parentPath, name, -1, terms, problems);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    CheckTypeTerm(item.GetString()!, parentPath, name, i, terms, problems);
                }
                i++;
            }
        }
    }

    private static void CheckTypeTerm(
        string term,
        string parentPath,
        string name,
        int index,
        TypeTermSets terms,
        ImmutableArray<ValidationProblem>.Builder problems
    )
    {
        // Absolute and compact IRIs (anything with a colon) expand without a term definition.
        if (term.Contains(':', StringComparison.Ordinal) || terms.Contains(term))
        {
            return;
        }
        var path = JsonPathText.Property(parentPath, name);
        problems.Add(
            Error(
                ValidationCodes.TypeUndefinedTerm,
                Format(ValidationCodes.TypeUndefinedTermMessage, term, Suggest(term, terms)),
                index < 0 ? path : JsonPathText.Index(path, index)
            )
        );
    }

    /// <summary>
    /// The type terms the document's contexts define: the (shared, frozen) sets of its context URLs,
    /// looked up one by one instead of copied into a union for every credential.
    /// </summary>
    private sealed class TypeTermSets
    {
        private readonly List<FrozenSet<string>> _sets = [];

        public void Add(FrozenSet<string> set)
        {
            if (!_sets.Contains(set))
            {
                _sets.Add(set);
            }
        }

        public bool Contains(string term)
        {
            foreach (var set in _sets)
            {
                if (set.Contains(term))
                {
                    return true;
                }
            }
            return false;
        }

        public IEnumerable<string> All() =>
            _sets.SelectMany(s => s).Distinct(StringComparer.Ordinal);
    }

    private static string Suggest(string term, TypeTermSets terms)
    {
        // 'InvalidProfile' → 'Profile': the longest defined term the bad one ends with, else a generic hint.
        string? best = null;
        foreach (var t in terms.All())
        {
            if (
                term.EndsWith(t, StringComparison.Ordinal)
                && (best is null || t.Length > best.Length)
            )
            {
                best = t;
            }
        }
        return best ?? "VerifiableCredential";
    }

    /// <summary>The union of the type terms of every context URL in the document, or <see langword="null"/> when
    /// the terms cannot be known (an embedded or unknown context, or one with a default vocabulary).</summary>
    private static TypeTermSets? DefinedTypeTerms(JsonElement credential)
    {
        var terms = new TypeTermSets();
        return CollectTerms(credential, terms, 0) ? terms : null;
    }

    private static bool CollectTerms(JsonElement node, TypeTermSets terms, int depth)
    {
        if (depth > MaxWalkDepth)
        {
            return false;
        }
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                if (!CollectTerms(item, terms, depth + 1))
                {
                    return false;
                }
            }
            return true;
        }
        if (node.ValueKind != JsonValueKind.Object)
        {
            return true;
        }
        foreach (var property in node.EnumerateObject())
        {
            if (property.Name == "@context")
            {
                if (!AddContextTerms(property.Value, terms))
                {
                    return false;
                }
            }
            else if (!CollectTerms(property.Value, terms, depth + 1))
            {
                return false;
            }
        }
        return true;
    }

    private static bool AddContextTerms(JsonElement context, TypeTermSets terms)
    {
        if (context.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in context.EnumerateArray())
            {
                if (!AddContextTerms(item, terms))
                {
                    return false;
                }
            }
            return true;
        }
        if (context.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        var url = context.GetString()!;
        if (
            KnownContexts.WithDefaultVocabulary.Contains(url)
            || !KnownContexts.Allowed.Contains(url)
        )
        {
            return false;
        }
        if (KnownContexts.TypeTerms.TryGetValue(url, out var defined))
        {
            terms.Add(defined);
        }
        return true;
    }

    /// <summary>An absolute URL in the RFC 3986 sense: a scheme, a colon, something after it, no whitespace.
    /// (<see cref="Uri.TryCreate(string, UriKind, out Uri)"/> is not used: it takes "/x" for a file URL.)</summary>
    internal static bool IsUrl(string value)
    {
        if (value.Length < 3 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }
        var colon = -1;
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                colon = i;
                break;
            }
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }
        if (colon < 0 || colon == value.Length - 1)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsStringOrStringArray(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return true;
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return false;
        }
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }
        }
        return true;
    }

    private static List<string> Strings(JsonElement value)
    {
        var list = new List<string>();
        if (value.ValueKind == JsonValueKind.String)
        {
            list.Add(value.GetString()!);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    list.Add(item.GetString()!);
                }
            }
        }
        return list;
    }

    private static string Text(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    private static string Format(string template, params object?[] args) =>
        ValidationCodes.Format(template, args);

    private static ValidationProblem Error(string code, string message, string path) =>
        new(code, message, path);

    private static ValidationProblem Warning(string code, string message, string path) =>
        new(code, message, path, ValidationSeverity.Warning);
}
