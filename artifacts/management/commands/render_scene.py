from artifacts.management.commands._scene_command import SceneRunCommand
from artifacts.models import GraphRun


class Command(SceneRunCommand):
    help = "Render one planned scene: render spec, panel images, the composed scene and its QC report."
    graph = GraphRun.Graph.SCENE_RENDER

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--enforce-qc", action="store_true")

    def parameters(self, options) -> dict:
        return {"enforce_qc": True} if options["enforce_qc"] else {}
