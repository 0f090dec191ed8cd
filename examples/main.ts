import { App } from 'cdk8s';
import { addExampleCharts } from './charts';

const app = new App();
addExampleCharts(app);
app.synth();
