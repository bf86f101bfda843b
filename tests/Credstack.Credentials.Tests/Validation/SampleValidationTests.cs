using System.Text.Json;
using Credstack.Credentials.Validation;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Validation;

/// <summary>Structural validation of every 1EdTech sample, one test case per sample, against
/// <see cref="SampleExpectations"/> and 1EdTech's verdicts in EXPECTED.json.</summary>
public sealed class SampleValidationTests
{
    private static readonly ValidationOptions Options = new() { Now = SampleExpectations.Now };

    public static TheoryData<string> SampleIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Samples.AllIds())
        {
            data.Add(id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleIds))]
    public void Validate_Sample_ReportsExactlyTheExpectedProblems(string id)
    {
        Assert.True(
            SampleExpectations.All.TryGetValue(id, out var expected),
            $"no expectation recorded for {id}"
        );
        var report = CredentialValidator.Validate(Samples.Load(id), Options);

        Assert.Equal(expected.Kind, report.Kind);
        Assert.Equal(
            expected.Errors.Order(StringComparer.Ordinal),
            report.Errors.Select(Describe).Distinct().Order(StringComparer.Ordinal)
        );
        Assert.Equal(
            expected.Warnings.Order(StringComparer.Ordinal),
            report.Warnings.Select(Describe).Distinct().Order(StringComparer.Ordinal)
        );
        foreach (var problem in report.Problems)
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.Message));
            Assert.StartsWith("$", problem.Path, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(SampleIds))]
    public void Validate_Sample_AgreesWith1EdTechVerdictOrSaysWhyNot(string id)
    {
        var expected = SampleExpectations.All[id];
        var theirs = OneEdTechVerdict(id);
        var report = CredentialValidator.Validate(Samples.Load(id), Options);
        var ours =
            !report.IsValid ? Verdict.Invalid
            : report.Problems.IsEmpty ? Verdict.Valid
            : Verdict.ValidWithWarnings;
        if (theirs == Verdict.Unknown)
        {
            Assert.Null(expected.DifferenceFrom1EdTech);
            return;
        }
        // 'valid' and 'valid with warnings' agree on acceptance; the warnings themselves differ in wording.
        var agree = (ours == Verdict.Invalid) == (theirs == Verdict.Invalid);
        if (agree)
        {
            Assert.True(
                expected.DifferenceFrom1EdTech is null,
                $"{id} agrees with 1EdTech ({theirs}) but claims a difference"
            );
        }
        else
        {
            Assert.True(
                !string.IsNullOrWhiteSpace(expected.DifferenceFrom1EdTech),
                $"{id}: Credstack says {ours}, 1EdTech says {theirs}, and no reason is recorded"
            );
        }
    }

    [Fact]
    public void SampleExpectations_NameOnlyExistingSamples()
    {
        var ids = Samples.AllIds().ToHashSet(StringComparer.Ordinal);
        Assert.All(SampleExpectations.All.Keys, id => Assert.Contains(id, ids));
    }

    private static string Describe(ValidationProblem p) => $"{p.Code} @ {p.Path}";

    private enum Verdict
    {
        Unknown,
        Valid,
        ValidWithWarnings,
        Invalid,
    }

    private static readonly Lazy<Dictionary<string, string?>> Expected = new(() =>
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllBytes(
                SharedData.PathOf("vectors", Samples.ValidatorFolder, "EXPECTED.json")
            )
        );
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            map[entry.GetProperty("file").GetString()!] = entry
                .GetProperty("expected1EdTechValidator")
                .GetString();
        }
        return map;
    });

    private static Verdict OneEdTechVerdict(string id)
    {
        // EXPECTED.json names the ob30 sub-folders without their 'ob30/' prefix.
        if (
            !Expected.Value.TryGetValue(id, out var text)
            && !(
                id.StartsWith("ob30/", StringComparison.Ordinal)
                && Expected.Value.TryGetValue(id[5..], out text)
            )
        )
        {
            return Verdict.Unknown;
        }
        return text switch
        {
            null => Verdict.Unknown,
            _ when text.StartsWith("valid-with-warning", StringComparison.Ordinal) =>
                Verdict.ValidWithWarnings,
            _ when text.StartsWith("context-version probe reported", StringComparison.Ordinal) =>
                Verdict.ValidWithWarnings,
            _ when text.StartsWith("valid", StringComparison.Ordinal) => Verdict.Valid,
            _ when text.StartsWith("invalid", StringComparison.Ordinal) => Verdict.Invalid,
            _ => Verdict.Unknown,
        };
    }
}
