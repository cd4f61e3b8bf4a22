"""English sentences of the production diary (merged into catalog_en)."""

TEXTS: dict[str, str] = {
    "menu.nhatky": "My production diary",
    "menu.xuatnhatky": "Diary as Excel (VietGAP)",
    "menu.lo": "My plots",
    "menu.vattu": "Fertilisers, pesticides and intervals",
    "menu.chuaghi": "Who has not kept the diary",
    "diary.verb_missing.fertiliser": (
        "Did you fertilise with {name}? Nothing was recorded. Send it again with what you "
        "did, for example: \"fertilised {name} 20kg plot 2\"."
    ),
    "diary.verb_missing.pesticide": (
        "Did you spray {name}? Nothing was recorded. Send it again with what you did, for "
        "example: \"sprayed {name} 2 tanks plot 3\"."
    ),
    "diary.activity.fertilise": "🌱 Fertilising",
    "diary.activity.spray": "🧪 Spraying",
    "diary.activity.water": "💧 Watering",
    "diary.activity.weed": "🌿 Weeding",
    "diary.activity.prune": "✂️ Pruning",
    "diary.activity.sow": "🌾 Sowing",
    "diary.activity.plant": "🌳 Planting",
    "diary.activity.note": "📝 Note",
    "diary.activity.harvest": "🧺 Harvest",
    "diary.example": "\"bón NPK 20kg lô 2\" or \"phun Regent 2 bình lô 3\"",
    "diary.recorded": "📒 Diary entry recorded:\n{line}",
    "diary.interval": "⏳ Pre-harvest interval {days} days: do not pick before {day}.",
    "diary.interval_unknown": "⚠️ Interval unknown: check the label before harvesting.",
    "diary.short_interval": "interval {days} days",
    "diary.short_pending": "⏳ interval days not chosen yet",
    "diary.short_unknown": "interval unknown",
    "diary.with_photo": "📷 With a photo.",
    "diary.ask_interval": (
        "{line}\nThis spray is kept in the diary. How many days is {name}'s pre-harvest "
        "interval (see the label)? It tells when the plot may be picked again. Tap a button or "
        "type the days (e.g. 14), or \"don't know\":"
    ),
    "diary.interval_out_of_range": (
        "The interval must be 1 to {most} days; you typed {days}. Type the days on the label "
        "again (e.g. 14), or \"don't know\":\n{line}"
    ),
    "diary.days": "{days} days",
    "diary.button.unknown": "Don't know",
    "diary.cancelled": "↩️ Diary entry cancelled:\n{line}",
    "diary.ask_spelled": (
        "❓ I read {words} as typed without a Vietnamese keyboard (Telex/VNI). "
        "Did you mean this diary entry:\n{line}"
    ),
    "diary.button.spelled": "✅ Yes, record it",
    "diary.spelled_dropped": "Dropped, nothing recorded. Please type it again.",
    "diary.already": "This message is already in the diary.",
    "diary.invalid.no_input": "What did you apply or spray? Nothing recorded. E.g. {example}",
    "diary.invalid.unclear_words": (
        "I don't understand \"{detail}\", so nothing went into the diary. Please send it "
        "again, e.g. {example}"
    ),
    "diary.invalid.two_plots": (
        "That names more than one plot (also \"{detail}\"). One diary line per plot: please "
        "send each plot on its own. Nothing recorded."
    ),
    "diary.invalid.two_activities": (
        "That names more than one piece of work (also \"{detail}\"). One diary line per "
        "piece of work: please send each on its own. Nothing recorded."
    ),
    "diary.invalid.spelled": (
        "Did you mean: \"{detail}\"? Nothing recorded. If so, please send it again just like "
        "that (or without the marks)."
    ),
    "diary.invalid.for_someone": (
        "I see \"{detail}\": was this work done for someone else? The diary only records "
        "work on your own plots, so nothing was recorded. If it was yours, send it again "
        "without the other person's name."
    ),
    "diary.invalid.dose_unit": (
        "\"{detail}\" of what (kg, sacks, tanks, litres…)? Nothing recorded. Send it again "
        "with the unit, e.g. {example}"
    ),
    "diary.invalid.future": (
        "{detail} has not come yet: the diary records work done. Nothing recorded. E.g. {example}"
    ),
    "diary.invalid.ambiguous_dose": (
        "The dose \"{detail}\" reads two ways; type it plainly (1500 or 1,5). Nothing recorded."
    ),
    "diary.invalid.too_big": (
        "{detail} is far too big, probably a typo. Nothing recorded. E.g. {example}"
    ),
    "diary.invalid.too_long": "Too long; record one task at a time. E.g. {example}",
    "diary.invalid.empty_note": "The note is empty. E.g. ghi chú lô 3 bị sâu cuốn lá",
    "diary.photo_needs_caption": (
        "📷 Photo received. Send it again with a caption to record it, e.g. {example}"
    ),
    "diary.photo_attached": "📷 Photo attached to:\n{line}",
    "diary.read.title": "📒 Diary of {name}, {period}{plot}:",
    "diary.read.empty": "{title}\nNothing yet.",
    "diary.read.more": "\n… and {count} earlier entries (all of them: /xuatnhatky).",
    "diary.read.usage": "E.g. /nhatky, /nhatky lô 3, /nhatky tháng 10, /nhatky lô 3 1/11-15/11",
    "diary.xlsx.title": "Production diary – {name} – {period}",
    "diary.xlsx.caption": "📎 {title}. One sheet per plot, like a VietGAP diary.",
    "diary.xlsx.heading": "PRODUCTION DIARY",
    "diary.xlsx.coop": "Cooperative",
    "diary.xlsx.farmer": "Member (farm household)",
    "diary.xlsx.plot": "Plot",
    "diary.xlsx.area": "Area",
    "diary.xlsx.crop": "Crop",
    "diary.xlsx.period": "Period",
    "diary.xlsx.unknown": "not given",
    "diary.xlsx.signed_farmer": "Kept by (signature, full name)",
    "diary.xlsx.signed_coop": "Checked by the cooperative (signature, seal)",
    "diary.xlsx.file": "diary",
    "diary.xlsx.no_plot": "No plot",
    "diary.silent": (
        "🔕 {count} members recorded nothing in the production diary (fertilising, spraying, "
        "weeding…) in the last {days} days ({first}–{last}):\n{groups}\n"
        "Who has not reported a harvest today: /chuabao"
    ),
    "diary.silent.idle": "No harvest recorded either ({count}):\n{lines}",
    "diary.silent.harvests": "Harvests recorded, only the diary missing ({count}):\n{lines}",
    "diary.silent.line": "• {name} – diary last: {diary}; harvest last: {harvest}",
    "diary.silent.none": "✅ Everyone kept the production diary in the last {days} days "
                         "({first}–{last}).",
    "diary.silent.bad_days": "The number of days goes from 1 to {most}, e.g. /chuaghi 7",
    "guard.inside": (
        "⚠️ {plot} sprayed with {name} on {day}, interval {days} days: do not pick before "
        "{safe}. Recorded and flagged."
    ),
    "guard.unknown": (
        "⚠️ {plot} sprayed with {name} on {day}, interval unknown: check the label. Recorded and "
        "flagged."
    ),
    "report.flag.interval": "⚠️ {count} entries picked inside an interval",
    "report.flag.line": "  • {day} {name}: {amount} {product}{plot}",
    "report.flag.plot": ", {plot}",
    "report.flag.more": "  … and {count} more (see /baocao)",
    "plots.usage": (
        "E.g. /lo to see your plots, /lo them Lô 3 | 0,5 ha | chè to add one, /lo doiten Lô 3 | "
        "Lô chè to rename one, /lo xoa Lô 3 to remove one."
    ),
    "plots.none": "You have no plot yet. Add one: /lo them Lô 3 | 0,5 ha | chè",
    "plots.list": "🗺 Your plots:\n{lines}",
    "plots.added": "✅ Plot added:\n{line}",
    "plots.exists": "You already have a plot \"{name}\".",
    "plots.renamed": "✅ Plot {old} renamed:\n{line}\nEntries already recorded keep the old name.",
    "plots.removed": (
        "🗑 Plot {name} removed from your list. Entries recorded with it are kept as they are."
    ),
    "plots.unknown": "You have no plot \"{name}\". See your plots: /lo",
    "plots.location_no_plot": (
        "📍 Location received. Add a plot first (/lo them Lô 3), then send the location again."
    ),
    "plots.location_which": "📍 Which plot is this location?",
    "plots.located": "📍 Location attached to {name}.",
    "inputs.list": (
        "🧴 The cooperative's inputs\nFertilisers:\n{fertilisers}\nPesticides:\n{pesticides}"
    ),
    "inputs.line": "• {name}",
    "inputs.line_interval": "• {name} – interval {days} days",
    "inputs.line_unknown": "• {name} – interval unknown",
    "inputs.manager_hint": (
        "Set an interval: /vattu cachly Regent 7 · Add: /vattu them Name | thuốc | 7 or /vattu "
        "them Name | phân"
    ),
    "inputs.managers_only": "Only managers change the inputs. Send /vattu to see them.",
    "inputs.problem.days": (
        "The interval is a whole number of days from 0 to 365, e.g. /vattu cachly Regent 7"
    ),
    "inputs.problem.kind": "The kind is \"thuốc\" or \"phân\", e.g. /vattu them Sokupi | thuốc | 3",
    "inputs.problem.name": "The input's name is missing, e.g. /vattu cachly Regent 7",
    "inputs.exists": "There is already an input \"{name}\".",
    "inputs.added": "✅ Input added:\n{line}",
    "inputs.unknown": "No single pesticide named \"{name}\". Pesticides: {names}",
    "inputs.interval_set": "✅ {name}: interval {days} days. Entries recorded before keep theirs.",
    "diary.fixed": "✏️ Diary entry corrected:\n{line}",
    "diary.fix_prompt": "✏️ Send the right task for:\n{line}\nE.g. {example}",
    "diary.fix_failed": "Nothing corrected: {reason}",
    "diary.fix_not_diary": (
        "\"{text}\" is not a diary task, so it was not recorded either. If it was a new "
        "message, please send it again."
    ),
}
