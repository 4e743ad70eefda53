namespace Vrrpd.Configuration;

/// <summary>
/// The keywords every tracker block shares (<c>interval; timeout; rise; fall; weight W [reverse]; init_fail</c>),
/// as written; <see cref="Build"/> applies keepalived's defaults and rules (timeout 0 or absent = interval).
/// </summary>
internal sealed class TrackerTimingDraft
{
    /// <summary>keepalived: weights are −253..253; ±254 is clamped with a warning (vrrp_parser.c).</summary>
    public const int MaxWeight = 253;

    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(86400);

    public TimeSpan? Interval { get; set; }

    public TimeSpan? Timeout { get; set; }

    public int? Rise { get; set; }

    public int? Fall { get; set; }

    public int? Weight { get; set; }

    public bool Reverse { get; set; }

    public bool InitFail { get; set; }

    /// <param name="defaults">The kind's defaults (vrrp_script: keepalived's; GPU: 1 s too).</param>
    public TrackerTiming Build(TrackerTiming defaults)
    {
        TimeSpan interval = Interval ?? defaults.Interval;
        TimeSpan timeout = Timeout is { } t && t > TimeSpan.Zero ? t : interval;
        return new TrackerTiming(interval, timeout, Rise ?? defaults.Rise, Fall ?? defaults.Fall,
            Weight ?? defaults.Weight, Weight is null ? defaults.Reverse : Reverse, InitFail);
    }

    /// <summary>Adds the shared keywords to a tracker block's table.</summary>
    public static void AddTo<TDraft>(Dictionary<string, KeywordHandler<TDraft>> table, Func<TDraft, TrackerTimingDraft> timing)
    {
        table["interval"] = (s, t, d) =>
        {
            if (Values.ExpectArguments(s, 1, 1, "seconds (fractions allowed)", d)
                && Values.TryTimer(s.Arguments[0], s.Name, TimeSpan.FromMilliseconds(1), MaxInterval, d, out TimeSpan value))
            {
                timing(t).Interval = value;
            }
        };
        table["timeout"] = (s, t, d) =>
        {
            if (Values.ExpectArguments(s, 1, 1, "seconds (fractions allowed; 0 = the interval)", d)
                && Values.TryTimer(s.Arguments[0], s.Name, TimeSpan.Zero, MaxInterval, d, out TimeSpan value))
            {
                timing(t).Timeout = value;
            }
        };
        table["rise"] = (s, t, d) =>
        {
            if (Values.ExpectArguments(s, 1, 1, "an integer 1..1000", d)
                && Values.TryInteger(s.Arguments[0], s.Name, 1, 1000, d, out int value))
            {
                timing(t).Rise = value;
            }
        };
        table["fall"] = (s, t, d) =>
        {
            if (Values.ExpectArguments(s, 1, 1, "an integer 1..1000", d)
                && Values.TryInteger(s.Arguments[0], s.Name, 1, 1000, d, out int value))
            {
                timing(t).Fall = value;
            }
        };
        table["weight"] = (s, t, d) =>
        {
            if (TryWeight(s, d, out int weight, out bool? reverse))
            {
                timing(t).Weight = weight;
                timing(t).Reverse = reverse ?? false;
            }
        };
        table["init_fail"] = (s, t, d) =>
        {
            if (Values.ExpectArguments(s, 0, 0, "no value", d))
            {
                timing(t).InitFail = true;
            }
        };
    }

    /// <summary><c>weight W [reverse|noreverse]</c> as a keyword of its own.</summary>
    public static bool TryWeight(Statement s, DiagnosticBag d, out int weight, out bool? reverse)
    {
        weight = 0;
        reverse = null;
        const string Form = "an integer -253..253, optionally followed by reverse";
        return Values.ExpectArguments(s, 1, 2, Form, d) && TryWeightWords(s.Arguments, 0, s.Name, d, out weight, out reverse);
    }

    /// <summary>Reads <c>W [reverse|noreverse]</c> from <paramref name="words"/> at <paramref name="start"/>
    /// (the words must end there). ±254 is clamped to ±253 with a warning, as keepalived does.</summary>
    public static bool TryWeightWords(IReadOnlyList<Token> words, int start, string keyword, DiagnosticBag d, out int weight, out bool? reverse)
    {
        reverse = null;
        Token number = words[start];
        if (!int.TryParse(number.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out weight)
            || Math.Abs(weight) > MaxWeight + 1)
        {
            d.Error(number.Location, $"'weight' expects an integer -{MaxWeight}..{MaxWeight}, got '{number.Text}'");
            return false;
        }

        if (Math.Abs(weight) == MaxWeight + 1)
        {
            int clamped = Math.Sign(weight) * MaxWeight;
            d.Warning(number.Location, $"'{keyword}' weight {weight} is clamped to {clamped}, as keepalived does (range -253..253)");
            weight = clamped;
        }

        if (words.Count > start + 1)
        {
            Token word = words[start + 1];
            switch (word.Text)
            {
                case "reverse":
                    reverse = true;
                    break;
                case "noreverse":
                    reverse = false;
                    break;
                default:
                    d.Error(word.Location, $"'{keyword}' weight expects reverse or noreverse after the number, got '{word.Text}'");
                    return false;
            }
        }

        if (words.Count > start + 2)
        {
            d.Error(words[start + 2].Location, $"'{keyword}' weight: unexpected '{words[start + 2].Text}'");
            return false;
        }

        return true;
    }
}
